using System.Text.Json;
using EduPlan.Application;
using EduPlan.Application.Auditing;
using EduPlan.Application.Reporting.Links;
using EduPlan.Core.Reporting;
using Microsoft.EntityFrameworkCore;

namespace EduPlan.Application.Tests.Reporting.Links;

public sealed class IndicatorLinkAdministrationTests : IAsyncLifetime
{
    private readonly ReportingDatabase data = new();

    public Task InitializeAsync() => data.InitializeAsync();

    public Task DisposeAsync() => data.DisposeAsync();

    private Task<T> Links<T>(Func<IndicatorLinkAdministration, Task<T>> work, CommandLog? log = null) =>
        data.Use(s => work(new IndicatorLinkAdministration(s.Db, s.Audit, s.Clock)), ReportingDatabase.Coordinator, log is null ? [] : [log]);

    private Task<int> TaskIdAsync(string plan, int number) =>
        data.QueryAsync(db => db.Tasks.Where(t => t.Plan!.Code == plan && t.Number == number).Select(t => t.Id).SingleAsync());

    /// <summary>An indicator the parser found in a task's own text, with that task.</summary>
    private Task<(int Indicator, int Task, string Name)> FoundInTaskAsync() =>
        data.QueryAsync(async db =>
        {
            var found = await db.Indicators
                .Where(i => i.TaskId != null && i.Plan!.Code == "chongqing")
                .OrderBy(i => i.Id)
                .Select(i => new { i.Id, TaskId = i.TaskId!.Value, i.Name })
                .FirstAsync();
            return (found.Id, found.TaskId, found.Name);
        });

    [Fact]
    public async Task The_list_shows_each_indicator_with_its_target_source_and_the_tasks_that_report_it()
    {
        var log = new CommandLog();
        var rows = await Links(l => l.ListAsync(), log);

        var coverage = rows.Single(r => r.Id == data.CoverageIndicatorId);
        coverage.Name.Should().Be("教共体覆盖率");
        coverage.PlanCode.Should().Be("chongqing");
        coverage.Unit.Should().Be("%");
        coverage.Target.Should().Be(90m);
        coverage.SourceText.Should().Contain("覆盖率达到90%");
        coverage.FoundIn.Should().BeNull("it was read from a goal, not a task");
        coverage.Linked.Should().ContainSingle().Which.Task.Should().Match<IndicatorTaskReference>(t => t.Number == 10 && t.Label.StartsWith("（十）", StringComparison.Ordinal));
        var (indicator, task, _) = await FoundInTaskAsync();
        rows.Single(r => r.Id == indicator).FoundIn!.TaskId.Should().Be(task);
        rows.Select(r => r.PlanCode).Distinct().Should().Equal("national", "chongqing");
        log.Selects.Should().HaveCount(2);
    }

    [Fact]
    public async Task Linking_a_task_of_the_same_plan_is_saved_and_audited()
    {
        var task = await TaskIdAsync("chongqing", 8);

        var result = await Links(l => l.LinkAsync(data.CoverageIndicatorId, task));

        result.Kind.Should().Be(ResultKind.Saved);
        result.Value!.Task!.Number.Should().Be(8);
        var link = await data.QueryAsync(db => db.IndicatorTaskLinks.AsNoTracking().SingleAsync(l => l.IndicatorId == data.CoverageIndicatorId && l.TaskId == task));
        link.LinkedByName.Should().Be("coordinator");
        link.LinkedAt.Should().Be(data.Data.Clock.GetUtcNow().UtcDateTime);
        var entry = (await data.AuditAsync(AuditActions.IndicatorLinked)).Should().ContainSingle().Subject;
        entry.ActorName.Should().Be("coordinator");
        entry.TargetType.Should().Be("Indicator");
        entry.TargetId.Should().Be(data.CoverageIndicatorId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        entry.TargetName.Should().Be("chongqing 教共体覆盖率");
        JsonDocument.Parse(entry.Details!).RootElement.GetProperty("task").GetString().Should().StartWith("chongqing#8 （八）");
    }

    [Fact]
    public async Task Linking_twice_says_it_is_already_linked_and_writes_nothing()
    {
        var result = await Links(l => l.LinkAsync(data.CoverageIndicatorId, data.TaskId));

        result.Kind.Should().Be(ResultKind.Refused);
        result.Reason.Should().Be($"{result.Value!.Task!.Label}已关联“教共体覆盖率”，无需重复关联。");
        (await data.AuditAsync(AuditActions.IndicatorLinked)).Should().BeEmpty();
    }

    [Fact]
    public async Task The_task_an_indicator_was_found_in_needs_no_link_and_cannot_be_unlinked()
    {
        var (indicator, task, name) = await FoundInTaskAsync();

        var link = await Links(l => l.LinkAsync(indicator, task));
        var unlink = await Links(l => l.UnlinkAsync(indicator, task));

        link.Kind.Should().Be(ResultKind.Refused);
        link.Reason.Should().Contain("出自").And.Contain(name);
        unlink.Kind.Should().Be(ResultKind.Invalid);
        unlink.Errors.Single().Message.Should().Be($"“{name}”出自{unlink.Value!.Task!.Label}的原文，不能取消该任务的关联。");
        (await data.QueryAsync(db => db.Indicators.Where(i => i.Id == indicator).Select(i => i.TaskId).SingleAsync())).Should().Be(task);
    }

    [Fact]
    public async Task A_task_of_another_plan_or_a_withdrawn_task_is_refused()
    {
        var national = await TaskIdAsync("national", 10);
        var withdrawn = await TaskIdAsync("chongqing", 12);
        await data.QueryAsync(async db =>
        {
            (await db.Tasks.SingleAsync(t => t.Id == withdrawn)).WithdrawnAt = DateTimeOffset.UtcNow;
            return await db.SaveChangesAsync();
        });

        var otherPlan = await Links(l => l.LinkAsync(data.CoverageIndicatorId, national));
        var gone = await Links(l => l.LinkAsync(data.CoverageIndicatorId, withdrawn));
        var unknown = await Links(l => l.LinkAsync(data.CoverageIndicatorId, 999_999));

        otherPlan.Kind.Should().Be(ResultKind.Invalid);
        otherPlan.Errors.Single().Zh().Should().Be(("taskId", "请选择《重庆加快建设教育强市推进教育现代化规划（2024—2035年）》中的一项重点任务。"));
        gone.Kind.Should().Be(ResultKind.Invalid);
        gone.Errors.Single().Message.Should().EndWith("已从规划文本中撤下，不能关联指标。");
        unknown.Kind.Should().Be(ResultKind.Invalid);
        (await data.QueryAsync(db => db.IndicatorTaskLinks.CountAsync())).Should().Be(1);
        (await data.AuditAsync(AuditActions.IndicatorLinked)).Should().BeEmpty();
    }

    [Fact]
    public async Task An_unknown_or_withdrawn_indicator_is_not_found()
    {
        var other = await data.QueryAsync(async db =>
        {
            var indicator = await db.Indicators.FirstAsync(i => i.Id != data.CoverageIndicatorId && i.Plan!.Code == "chongqing");
            indicator.WithdrawnAt = DateTimeOffset.UtcNow;
            await db.SaveChangesAsync();
            return indicator.Id;
        });

        (await Links(l => l.LinkAsync(999_999, data.TaskId))).Kind.Should().Be(ResultKind.NotFound);
        (await Links(l => l.LinkAsync(other, data.TaskId))).Kind.Should().Be(ResultKind.NotFound);
        (await Links(l => l.ListAsync())).Select(r => r.Id).Should().NotContain(other).And.Contain(data.CoverageIndicatorId);
    }

    [Fact]
    public async Task Unlinking_removes_the_link_and_is_audited_and_a_second_unlink_finds_nothing()
    {
        var first = await Links(l => l.UnlinkAsync(data.CoverageIndicatorId, data.TaskId));
        var second = await Links(l => l.UnlinkAsync(data.CoverageIndicatorId, data.TaskId));

        first.Kind.Should().Be(ResultKind.Saved);
        second.Kind.Should().Be(ResultKind.NotFound);
        (await data.QueryAsync(db => db.IndicatorTaskLinks.CountAsync())).Should().Be(0);
        var entry = (await data.AuditAsync(AuditActions.IndicatorUnlinked)).Should().ContainSingle().Subject;
        entry.TargetName.Should().Be("chongqing 教共体覆盖率");
        JsonDocument.Parse(entry.Details!).RootElement.GetProperty("task").GetString().Should().StartWith("chongqing#10 （十）");
    }

    [Fact]
    public async Task A_linked_task_then_reports_the_indicator()
    {
        var task = await TaskIdAsync("chongqing", 8);
        await Links(l => l.LinkAsync(data.CoverageIndicatorId, task));

        var reported = await data.QueryAsync(db => EduPlan.Application.Reporting.ReportIndicators.ForTask(db, task).Select(i => i.Id).ToListAsync());

        reported.Should().Contain(data.CoverageIndicatorId);
    }

    [Fact]
    public async Task Task_choices_are_the_current_tasks_of_each_plan_in_order()
    {
        var choices = await Links(l => l.ListTaskChoicesAsync());
        var chongqing = await data.QueryAsync(db => db.Plans.Where(p => p.Code == "chongqing").Select(p => p.Id).SingleAsync());

        choices[chongqing].Select(t => t.Number).Should().Equal(Enumerable.Range(1, 43));
        choices[chongqing].Should().OnlyContain(t => t.PlanCode == "chongqing");
    }
}
