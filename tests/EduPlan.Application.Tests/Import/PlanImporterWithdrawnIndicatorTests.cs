using EduPlan.Application.Import;
using EduPlan.Core.Organisation;
using EduPlan.Core.Parsing;
using EduPlan.Core.Plans;
using EduPlan.Core.Reporting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace EduPlan.Application.Tests.Import;

/// <summary>An indicator that leaves the document once reports use it is kept and marked withdrawn, like a task.</summary>
public sealed class PlanImporterWithdrawnIndicatorTests : IAsyncLifetime
{
    private const string DoctorsKey = "普通本科高校专任教师博士学位占比@2027";
    private const string DualTeachersKey = "职业教育“双师型”教师占比@2027";
    private static readonly DateTimeOffset FirstImport = new(2025, 3, 1, 8, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _clock = new(FirstImport);
    private TestDatabase _database = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        await ImportAsync(Seeds.Parse());
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private static string WithoutLastGoal => Seeds.Text.RemoveLineStartingWith(SeedEdits.LastChongqingGoalStart);

    private async Task<ImportReport> ImportAsync(params ParsedDocument[] documents)
    {
        await using var db = _database.CreateContext();
        return await new PlanImporter(db, _clock).ImportAsync(documents);
    }

    [Fact]
    public async Task An_indicator_with_reported_values_is_withdrawn_instead_of_deleted_and_the_import_succeeds()
    {
        var doctors = await IndicatorIdAsync(DoctorsKey);
        var report = await AddReportWithValueAsync(doctors, 38.5m);
        _clock.Advance(TimeSpan.FromDays(1));

        var result = await ImportAsync(Seeds.ParseText(WithoutLastGoal));

        result.Warnings.En().Should().Equal($"indicator {DoctorsKey} of plan chongqing is no longer in the document but reports or task links use it; kept as withdrawn");
        result.Changes.Should().BeEquivalentTo(
            "chongqing section 1: text changed",
            "chongqing milestone 2027 goal 5: removed",
            $"chongqing indicator {DualTeachersKey}: removed");
        result.Plans[1].Removed.Should().Be(2, "the goal and the unused indicator");
        await using var db = _database.CreateContext();
        var kept = await db.Indicators.SingleAsync(i => i.Id == doctors);
        kept.WithdrawnAt.Should().Be(FirstImport.AddDays(1));
        kept.Name.Should().Be("普通本科高校专任教师博士学位占比");
        (await db.ReportIndicatorValues.SingleAsync(v => v.ReportId == report)).Value.Should().Be(38.5m);
        (await db.Indicators.AnyAsync(i => i.Key == DualTeachersKey)).Should().BeFalse();
    }

    [Fact]
    public async Task An_indicator_linked_to_a_task_is_kept_withdrawn_with_its_link()
    {
        var doctors = await IndicatorIdAsync(DoctorsKey);
        int taskId;
        await using (var db = _database.CreateContext())
        {
            taskId = await db.Tasks.Where(t => t.Plan!.Code == PlanCodes.Chongqing && t.Number == 32).Select(t => t.Id).SingleAsync();
            db.IndicatorTaskLinks.Add(new IndicatorTaskLink { IndicatorId = doctors, TaskId = taskId, LinkedAt = FirstImport.UtcDateTime, LinkedByName = "admin" });
            await db.SaveChangesAsync();
        }

        var result = await ImportAsync(Seeds.ParseText(WithoutLastGoal));

        result.Warnings.En().Should().ContainSingle().Which.Should().StartWith($"indicator {DoctorsKey} of plan chongqing");
        await using var check = _database.CreateContext();
        (await check.Indicators.SingleAsync(i => i.Id == doctors)).WithdrawnAt.Should().Be(FirstImport);
        (await check.IndicatorTaskLinks.CountAsync(l => l.IndicatorId == doctors && l.TaskId == taskId)).Should().Be(1);
    }

    [Fact]
    public async Task A_withdrawn_indicator_keeps_the_time_it_left_and_is_not_warned_about_again()
    {
        var doctors = await IndicatorIdAsync(DoctorsKey);
        await AddReportWithValueAsync(doctors, 40m);
        await ImportAsync(Seeds.ParseText(WithoutLastGoal));
        _clock.Advance(TimeSpan.FromDays(3));

        var result = await ImportAsync(Seeds.ParseText(WithoutLastGoal.ReplaceOnce(SeedEdits.ChongqingTask9Phrase, "持续提高公办幼儿园在园幼儿占比")));

        result.Warnings.Should().BeEmpty();
        result.Changes.Should().Equal("chongqing task 9: text changed");
        await using var db = _database.CreateContext();
        (await db.Indicators.SingleAsync(i => i.Id == doctors)).WithdrawnAt.Should().Be(FirstImport);
    }

    [Fact]
    public async Task A_withdrawn_indicator_that_comes_back_is_current_again_with_its_id_and_values()
    {
        var doctors = await IndicatorIdAsync(DoctorsKey);
        var report = await AddReportWithValueAsync(doctors, 41m);
        await ImportAsync(Seeds.ParseText(WithoutLastGoal));

        var result = await ImportAsync(Seeds.Parse());

        result.Changes.Should().Contain($"chongqing indicator {DoctorsKey}: back in the document");
        result.Changes.Should().Contain("chongqing milestone 2027 goal 5: added");
        result.Changes.Should().Contain($"chongqing indicator {DualTeachersKey}: added");
        result.Warnings.Should().BeEmpty();
        await using var db = _database.CreateContext();
        var indicator = await db.Indicators.SingleAsync(i => i.Key == DoctorsKey);
        indicator.Id.Should().Be(doctors);
        indicator.WithdrawnAt.Should().BeNull();
        (await db.ReportIndicatorValues.SingleAsync(v => v.ReportId == report)).IndicatorId.Should().Be(doctors);
    }

    [Fact]
    public async Task A_withdrawn_indicator_whose_milestone_is_removed_loses_only_the_milestone_link()
    {
        var plan = Rehash(new ParsedPlan(
            "demo", "示例规划（2025—2030年）", "示例", null, null, null, 2025, 2030, "前言", 1,
            [new ParsedSection(1, "一", "正文", 2, [new ParsedTask(1, "甲", "甲。", 3)])],
            [new ParsedMilestone(2027, "到2027年，乙达到90%。", 4, [])],
            [new ParsedIndicator("乙@2027", "乙", Comparator.AtLeast, 90m, "%", 2027, "乙达到90%", null, 2027, 4)]));
        await ImportAsync(new ParsedDocument("demo.txt", [plan], []));
        var indicator = await IndicatorIdAsync("乙@2027");
        await AddReportWithValueAsync(indicator, 75m, planCode: "demo", taskNumber: 1);

        var result = await ImportAsync(new ParsedDocument("demo.txt", [Rehash(plan with { Milestones = [], Indicators = [] })], []));

        result.Changes.Should().Equal("demo milestone 2027: removed");
        result.Warnings.En().Should().Equal("indicator 乙@2027 of plan demo is no longer in the document but reports or task links use it; kept as withdrawn");
        await using var db = _database.CreateContext();
        var kept = await db.Indicators.SingleAsync(i => i.Id == indicator);
        kept.MilestoneId.Should().BeNull();
        kept.WithdrawnAt.Should().Be(FirstImport);
        (await db.Milestones.AnyAsync(m => m.Plan!.Code == "demo")).Should().BeFalse();
    }

    private static ParsedPlan Rehash(ParsedPlan plan) => plan with { ContentHash = PlanContentHash.Compute(plan) };

    private async Task<int> IndicatorIdAsync(string key)
    {
        await using var db = _database.CreateContext();
        return await db.Indicators.Where(i => i.Key == key).Select(i => i.Id).SingleAsync();
    }

    /// <summary>An approved 2025Q4 report on a task with a value for the indicator; returns the report id.</summary>
    private async Task<int> AddReportWithValueAsync(int indicatorId, decimal value, string planCode = PlanCodes.Chongqing, int taskNumber = 32)
    {
        await using var db = _database.CreateContext();
        var department = await db.Departments.FirstOrDefaultAsync(d => d.ShortName == "市教委")
            ?? db.Departments.Add(new Department { Name = "重庆市教育委员会", ShortName = "市教委" }).Entity;
        var task = await db.Tasks.SingleAsync(t => t.Plan!.Code == planCode && t.Number == taskNumber);
        var report = new ProgressReport
        {
            TaskId = task.Id,
            Department = department,
            Year = 2025,
            QuarterNumber = 4,
            State = ReportState.Approved,
            Status = ReportStatus.OnTrack,
            Percent = 40,
            Progress = "推进中。",
            UpdatedByName = "reporter",
            Revision = 3,
            IndicatorValues = [new ReportIndicatorValue { IndicatorId = indicatorId, Value = value }],
        };
        db.ProgressReports.Add(report);
        await db.SaveChangesAsync();
        return report.Id;
    }
}
