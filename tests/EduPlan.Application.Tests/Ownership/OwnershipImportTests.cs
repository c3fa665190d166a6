using System.Text;
using EduPlan.Application.Auditing;
using EduPlan.Application.Ownership;
using EduPlan.Application.Tests.Departments;
using EduPlan.Core.Reporting;
using Microsoft.EntityFrameworkCore;

namespace EduPlan.Application.Tests.Ownership;

public sealed class OwnershipImportTests : IAsyncLifetime
{
    private const string Header = "规划代码,任务序号,牵头单位,参与单位\r\n";

    private readonly AdministrationDatabase _data = new();
    private int _education;
    private int _finance;
    private int _science;

    public async Task InitializeAsync()
    {
        await _data.InitializeAsync();
        _education = await _data.AddDepartmentAsync("重庆市教育委员会", "市教委");
        _finance = await _data.AddDepartmentAsync("重庆市财政局", "市财政局");
        _science = await _data.AddDepartmentAsync("重庆市科学技术局", "市科技局");
        await _data.AddDepartmentAsync("已撤并单位", "撤并", isActive: false);
    }

    public Task DisposeAsync() => _data.DisposeAsync();

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private Task<int> OwnedTasksAsync() =>
        _data.QueryAsync(db => db.Tasks.CountAsync(t => t.LeadDepartmentId != null || t.CoDepartments.Any()));

    [Fact]
    public async Task A_good_file_applies_every_row_in_one_go_with_one_import_entry_and_one_change_entry_per_task()
    {
        var file = Header
            + "chongqing,9,市教委,\"市财政局、市科技局\"\r\n"
            + "chongqing,（十）,重庆市教育委员会,\r\n"
            + "national,1,市科技局,市教委\r\n";

        var result = await _data.ImportAsync(Utf8(file), "owners.csv");

        result.Succeeded.Should().BeTrue(string.Join("\n", result.Errors));
        result.Applied.Should().BeTrue();
        result.Changed.Select(c => (c.Line, c.PlanCode, c.TaskNumber)).Should().Equal((2, "chongqing", 9), (3, "chongqing", 10), (4, "national", 1));
        result.Changed[0].After.ToString().Should().Be("牵头：重庆市教育委员会；参与：重庆市科学技术局、重庆市财政局");
        result.Changed[0].Before.Should().BeEquivalentTo(OwnersSnapshot.None);
        var nine = await _data.OwnershipQueries(o => o.GetTaskAsync("chongqing", 9));
        nine!.Lead!.Id.Should().Be(_education);
        nine.CoDepartments.Select(d => d.Id).Should().BeEquivalentTo([_finance, _science]);
        nine.OwnershipVersion.Should().Be(1);
        (await _data.OwnershipQueries(o => o.GetTaskAsync("national", 1)))!.Lead!.Id.Should().Be(_science);

        var imported = (await _data.AuditAsync(AuditActions.OwnershipImported)).Should().ContainSingle().Subject;
        imported.Details.Should().Contain("owners.csv").And.Contain("chongqing#9");
        var changes = await _data.AuditAsync(AuditActions.OwnershipChanged);
        changes.Select(c => c.TargetName).Should().Equal("chongqing#9", "chongqing#10", "national#1");
        AdministrationDatabase.Details(changes[0], "after").GetProperty("lead").GetString().Should().Be("重庆市教育委员会");
    }

    [Fact]
    public async Task One_bad_row_writes_nothing_and_every_bad_row_is_named_by_file_and_line()
    {
        await _data.Database.ExecuteAsync("""UPDATE "Tasks" SET "WithdrawnAt" = '2026-01-01 00:00:00+00:00' WHERE "Number" = 43 AND "PlanId" = (SELECT "Id" FROM "Plans" WHERE "Code" = 'chongqing')""");
        var file = Header
            + "chongqing,9,市教委,市财政局\r\n"           // 2 good
            + "shanghai,1,市教委,\r\n"                  // 3 unknown plan
            + "chongqing,44,市教委,\r\n"                // 4 no such task
            + "chongqing,43,市教委,\r\n"                // 5 withdrawn
            + "chongqing,11,市教育局,\r\n"              // 6 unknown department
            + "chongqing,12,撤并,\r\n"                  // 7 inactive department
            + "chongqing,13,市教委,\"市财政局、市教委\"\r\n" // 8 lead among co-departments
            + "chongqing,9,市财政局,\r\n"               // 9 task twice
            + "chongqing,14,市教委,市财政局,市科技局\r\n"  // 10 five columns
            + "chongqing,15,市教委,\"市财政局、重庆市财政局\"\r\n"; // 11 same co-department twice

        var result = await _data.ImportAsync(Utf8(file), "分工.csv");

        result.Succeeded.Should().BeFalse();
        result.Applied.Should().BeFalse();
        result.Changed.Should().BeEmpty();
        result.Errors.Select(e => e.ToString()).Should().Equal(
            "分工.csv:3: 找不到规划“shanghai”：第 1 列应为规划代码（national、chongqing）。",
            "分工.csv:4: 规划 chongqing 中没有第 44 项任务（现有 42 项）。",
            "分工.csv:5: 规划 chongqing 的第 43 项任务已从规划文本中撤下，不能设置分工。",
            "分工.csv:6: 找不到牵头单位“市教育局”：请写单位全称或简称，新单位须先在“责任单位”中添加。",
            "分工.csv:7: 单位“已撤并单位”已停用，不能再指定为牵头单位。",
            "分工.csv:8: “重庆市教育委员会”已是牵头单位，不能同时作为参与单位。",
            "分工.csv:9: 规划 chongqing 的第 9 项任务在第 2 行已经出现；每项任务只能写一行。",
            "分工.csv:10: 有 5 列，应为 4 列：规划代码,任务序号,牵头单位,参与单位（多个参与单位写在同一格内，用“、”分隔，整格加英文双引号）。",
            "分工.csv:11: 参与单位“重庆市财政局”写了不止一次。");
        (await OwnedTasksAsync()).Should().Be(0, "the good row 2 must not be applied either");
        (await _data.QueryAsync(db => db.AuditEntries.CountAsync())).Should().Be(0);
    }

    [Fact]
    public async Task A_GB18030_file_saved_by_Excel_is_imported()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var bytes = Encoding.GetEncoding("GB18030").GetBytes(Header + "chongqing,9,重庆市教育委员会,\"市财政局、市科技局\"\r\n");

        var result = await _data.ImportAsync(bytes, "excel.csv");

        result.Errors.Should().BeEmpty();
        var nine = await _data.OwnershipQueries(o => o.GetTaskAsync("chongqing", 9));
        nine!.Lead!.Name.Should().Be("重庆市教育委员会");
        nine.CoDepartments.Should().HaveCount(2);
    }

    [Fact]
    public async Task Rows_that_change_nothing_are_reported_as_unchanged_and_not_audited_as_changes()
    {
        await _data.ImportAsync(Utf8(Header + "chongqing,9,市教委,市财政局\r\n"));

        var again = await _data.ImportAsync(Utf8(Header + "chongqing,9,重庆市教育委员会,重庆市财政局\r\nchongqing,10,市财政局,\r\n"));

        again.Unchanged.Select(u => u.TaskNumber).Should().Equal(9);
        again.Changed.Select(c => c.TaskNumber).Should().Equal(10);
        (await _data.AuditAsync(AuditActions.OwnershipChanged)).Select(e => e.TargetName).Should().Equal("chongqing#9", "chongqing#10");
        (await _data.OwnershipQueries(o => o.GetTaskAsync("chongqing", 9)))!.OwnershipVersion.Should().Be(1);
    }

    [Fact]
    public async Task An_empty_lead_cell_clears_the_lead_and_the_plan_may_be_named_by_its_title()
    {
        await _data.ImportAsync(Utf8(Header + "chongqing,9,市教委,市财政局\r\n"));

        var result = await _data.ImportAsync(Utf8(Header + "《重庆加快建设教育强市推进教育现代化规划（2024—2035年）》,9,,\r\n"));

        result.Errors.Should().BeEmpty();
        result.Changed.Should().ContainSingle().Which.After.Should().BeEquivalentTo(OwnersSnapshot.None);
        (await OwnedTasksAsync()).Should().Be(0);
    }

    [Fact]
    public async Task A_dry_run_reports_the_changes_and_writes_nothing()
    {
        var result = await _data.ImportAsync(Utf8(Header + "chongqing,9,市教委,市财政局\r\n"), dryRun: true);

        result.Succeeded.Should().BeTrue();
        result.Applied.Should().BeFalse();
        result.Changed.Should().ContainSingle().Which.TaskNumber.Should().Be(9);
        (await OwnedTasksAsync()).Should().Be(0);
        (await _data.QueryAsync(db => db.AuditEntries.CountAsync())).Should().Be(0);
    }

    [Fact]
    public async Task A_file_that_cannot_be_decoded_is_refused_whole()
    {
        byte[] bytes = [0xEF, 0xBB, 0xBF, .. "chongqing,9,"u8, 0xC3, 0x28, .. "\r\n"u8];

        var result = await _data.ImportAsync(bytes, "bad.csv");

        result.Errors.Should().ContainSingle().Which.ToString().Should().StartWith("bad.csv:1: 无法识别的文本编码");
    }

    [Fact]
    public async Task Checking_a_whole_plan_costs_a_fixed_number_of_queries_not_one_per_row()
    {
        var file = new StringBuilder(Header);
        for (var number = 1; number <= 43; number++)
        {
            file.Append($"chongqing,{number},市教委,\"市财政局、市科技局\"\r\n");
        }

        var log = new CommandLog();
        var result = await _data.ImportAsync(Utf8(file.ToString()), dryRun: true, interceptors: log);

        result.Changed.Should().HaveCount(43);
        // Plans, departments, the open quarter's overrides, tasks with co-departments and past owners (split in three).
        log.Selects.Should().HaveCountLessThanOrEqualTo(6);
    }

    [Fact]
    public async Task A_task_changed_by_someone_else_during_the_import_makes_the_whole_import_write_nothing()
    {
        await using var db = _data.Context();
        var import = new OwnershipImport(db, new AuditLog(db, AdministrationDatabase.Actor, _data.Clock), _data.Calendar(db));
        // The tasks are tracked in this context at version 0; then someone else saves task 10, so the import's
        // checks pass on what it read but its save finds a newer version in the database.
        await db.Tasks.Include(t => t.CoDepartments).Where(t => t.Plan!.Code == "chongqing").ToListAsync();
        await _data.Database.ExecuteAsync("""UPDATE "Tasks" SET "OwnershipVersion" = "OwnershipVersion" + 1 WHERE "Number" = 10 AND "PlanId" = (SELECT "Id" FROM "Plans" WHERE "Code" = 'chongqing')""");

        var result = await import.ImportAsync(Utf8(Header + "chongqing,9,市教委,\r\nchongqing,10,市财政局,\r\n"), "race.csv");

        result.Applied.Should().BeFalse();
        result.Errors.Should().ContainSingle().Which.ToString().Should().StartWith("race.csv: 导入期间有人修改");
        (await OwnedTasksAsync()).Should().Be(0);
        (await _data.QueryAsync(d => d.AuditEntries.CountAsync())).Should().Be(0);
    }

    [Fact]
    public async Task The_file_takes_effect_from_the_quarter_given_and_a_closed_quarter_is_refused_for_the_whole_file()
    {
        // The clock stands at 2026-03-01: 2026Q1 is open, 2025Q4 closed.
        var closed = await _data.ImportFromAsync(Utf8(Header + "chongqing,9,市教委,市财政局\r\n"), new Quarter(2025, 4), "late.csv");

        closed.Applied.Should().BeFalse();
        closed.Errors.Should().ContainSingle().Which.ToString().Should().Be("late.csv: 2025年第四季度已截止，不能改动该季度的任务分工；最早可从2026年第一季度起生效");
        (await OwnedTasksAsync()).Should().Be(0);

        var later = await _data.ImportFromAsync(Utf8(Header + "chongqing,9,市教委,市财政局\r\n"), new Quarter(2026, 2), "q2.csv");

        later.Applied.Should().BeTrue();
        later.From.Should().Be(new Quarter(2026, 2));
        var task = await _data.QueryAsync(db => db.Tasks.Include(t => t.CoDepartments).SingleAsync(t => t.Plan!.Code == "chongqing" && t.Number == 9));
        (task.LeadFromQuarter, task.CoDepartments.Single().FromQuarter).Should().Be((20262, 20262));
        (await _data.AuditAsync(AuditActions.OwnershipImported)).Single().Details.Should().Contain("\"from\":\"2026Q2\"");
    }
}
