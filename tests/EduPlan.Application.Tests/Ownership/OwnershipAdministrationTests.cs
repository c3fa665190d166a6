using EduPlan.Application;
using EduPlan.Application.Auditing;
using EduPlan.Application.Ownership;
using EduPlan.Application.Tests.Departments;
using Microsoft.EntityFrameworkCore;

namespace EduPlan.Application.Tests.Ownership;

public sealed class OwnershipAdministrationTests : IAsyncLifetime
{
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
    }

    public Task DisposeAsync() => _data.DisposeAsync();

    private Task<Result<TaskOwnership>> SetAsync(int number, int? lead, int[] co, int version = 0, string plan = "chongqing") =>
        _data.Ownership(o => o.SetOwnersAsync(plan, number, new OwnershipInput(lead, co), version));

    [Fact]
    public async Task Setting_owners_stores_lead_and_co_departments_and_audits_the_names_before_and_after()
    {
        await SetAsync(9, _finance, []);

        var result = await SetAsync(9, _education, [_finance, _science], version: 1);

        result.Kind.Should().Be(ResultKind.Saved);
        result.Value!.Lead!.ShortName.Should().Be("市教委");
        result.Value.CoDepartments.Select(d => d.ShortName).Should().BeEquivalentTo("市财政局", "市科技局");
        result.Value.OwnershipVersion.Should().Be(2);
        var entry = (await _data.AuditAsync(AuditActions.OwnershipChanged)).Last();
        entry.TargetName.Should().Be("chongqing#9");
        AdministrationDatabase.Details(entry, "before").GetProperty("lead").GetString().Should().Be("重庆市财政局");
        AdministrationDatabase.Details(entry, "before").GetProperty("coDepartments").GetArrayLength().Should().Be(0);
        AdministrationDatabase.Details(entry, "after").GetProperty("lead").GetString().Should().Be("重庆市教育委员会");
        AdministrationDatabase.Details(entry, "after").GetProperty("coDepartments").EnumerateArray().Select(e => e.GetString())
            .Should().BeEquivalentTo("重庆市财政局", "重庆市科学技术局");
    }

    [Fact]
    public async Task The_lead_cannot_also_be_a_co_department_and_nothing_is_written()
    {
        var result = await SetAsync(9, _education, [_education, _finance]);

        result.Kind.Should().Be(ResultKind.Invalid);
        result.Errors.Should().ContainSingle().Which.Zh().Should().Be(
            ("CoDepartmentIds", "“重庆市教育委员会”已是牵头单位，不能同时作为参与单位。"));
        (await _data.QueryAsync(db => db.TaskCoDepartments.CountAsync())).Should().Be(0);
        (await _data.QueryAsync(db => db.Tasks.SingleAsync(t => t.Plan!.Code == "chongqing" && t.Number == 9))).LeadDepartmentId.Should().BeNull();
    }

    [Fact]
    public async Task Unknown_and_inactive_departments_are_refused_for_a_new_assignment()
    {
        var retired = await _data.AddDepartmentAsync("已撤并单位", "撤并", isActive: false);

        var result = await SetAsync(9, 999, [retired]);

        result.Errors.Select(e => e.Field + ":" + e.Message).Should().Equal(
            "LeadDepartmentId:所选的牵头单位不存在。",
            "CoDepartmentIds:单位“已撤并单位”已停用，不能再指定为参与单位。");
    }

    [Fact]
    public async Task A_department_deactivated_after_it_was_assigned_can_stay_while_other_owners_change()
    {
        var retiring = await _data.AddDepartmentAsync("即将撤并单位", "撤并");
        await SetAsync(9, retiring, []);
        await _data.QueryAsync(db => db.Departments.Where(d => d.Id == retiring).ExecuteUpdateAsync(s => s.SetProperty(d => d.IsActive, false)));

        var result = await SetAsync(9, retiring, [_finance], version: 1);

        result.Kind.Should().Be(ResultKind.Saved);
        result.Value!.Lead!.IsActive.Should().BeFalse();
    }

    [Fact]
    public async Task Of_two_edits_made_from_the_same_version_the_second_is_refused_and_the_first_is_kept()
    {
        var first = await SetAsync(9, _education, [_finance]);
        var second = await SetAsync(9, _science, [], version: 0);

        first.Kind.Should().Be(ResultKind.Saved);
        second.Kind.Should().Be(ResultKind.Conflict);
        second.Reason.Should().Contain("已被其他人修改").And.Contain("牵头：重庆市教育委员会；参与：重庆市财政局");
        second.Value!.Lead!.Id.Should().Be(_education, "the conflict returns the owners stored now");
        var stored = await _data.OwnershipQueries(o => o.GetTaskAsync("chongqing", 9));
        stored!.Lead!.Id.Should().Be(_education);
        stored.CoDepartments.Select(d => d.Id).Should().Equal(_finance);
        (await _data.AuditAsync(AuditActions.OwnershipChanged)).Should().ContainSingle();
    }

    [Fact]
    public async Task A_save_that_loses_the_race_inside_the_database_is_a_conflict_and_writes_nothing()
    {
        await using var db = _data.Context();
        var administration = new OwnershipAdministration(db, new AuditLog(db, AdministrationDatabase.Actor, _data.Clock), new OwnershipQueries(db), _data.Calendar(db));
        // Loaded at version 0 into this context, then someone else saves first.
        await db.Tasks.Include(t => t.CoDepartments).SingleAsync(t => t.Plan!.Code == "chongqing" && t.Number == 9);
        await SetAsync(9, _finance, []);

        var result = await administration.SetOwnersAsync("chongqing", 9, new OwnershipInput(_education, [_science]), 0);

        result.Kind.Should().Be(ResultKind.Conflict);
        var stored = await _data.OwnershipQueries(o => o.GetTaskAsync("chongqing", 9));
        stored!.Lead!.Id.Should().Be(_finance);
        stored.CoDepartments.Should().BeEmpty();
    }

    [Fact]
    public async Task Choosing_the_same_owners_again_writes_nothing()
    {
        await SetAsync(9, _education, [_finance, _science]);

        var result = await SetAsync(9, _education, [_science, _finance], version: 1);

        result.Kind.Should().Be(ResultKind.Saved);
        result.Changed.Should().BeFalse();
        result.Value!.OwnershipVersion.Should().Be(1);
        (await _data.AuditAsync(AuditActions.OwnershipChanged)).Should().ContainSingle();
    }

    [Fact]
    public async Task Removing_a_co_department_of_one_task_leaves_other_tasks_and_departments_alone()
    {
        await SetAsync(9, _education, [_finance, _science]);
        await SetAsync(10, _education, [_finance]);

        await SetAsync(9, null, [_science], version: 1);

        var links = await _data.QueryAsync(db => db.TaskCoDepartments.Select(c => new { c.Task!.Number, c.DepartmentId }).ToListAsync());
        links.Select(l => (l.Number, l.DepartmentId)).Should().BeEquivalentTo(new[] { (9, _science), (10, _finance) });
        (await _data.QueryAsync(db => db.Departments.CountAsync())).Should().Be(3);
        (await _data.QueryAsync(db => db.Tasks.CountAsync())).Should().Be(81);
    }

    [Fact]
    public async Task A_withdrawn_task_cannot_be_given_owners()
    {
        await _data.Database.ExecuteAsync("""UPDATE "Tasks" SET "WithdrawnAt" = '2026-01-01 00:00:00+00:00' WHERE "Number" = 43 AND "PlanId" = (SELECT "Id" FROM "Plans" WHERE "Code" = 'chongqing')""");

        var result = await SetAsync(43, _education, []);

        result.Kind.Should().Be(ResultKind.Refused);
        result.Reason.Should().Be("该任务已从规划文本中撤下，不能修改分工。");
    }

    [Fact]
    public async Task An_unknown_task_is_not_found()
    {
        (await SetAsync(44, _education, [])).Kind.Should().Be(ResultKind.NotFound);
        (await _data.OwnershipQueries(o => o.GetTaskAsync("chongqing", 44))).Should().BeNull();
    }

    [Fact]
    public async Task A_plan_is_read_with_all_its_owners_in_two_queries_after_the_plan_itself()
    {
        for (var number = 1; number <= 20; number++)
        {
            await SetAsync(number, _education, [_finance, _science]);
        }

        var log = new CommandLog();
        var plan = await _data.OwnershipQueries(o => o.GetPlanAsync("chongqing"), log);

        plan!.Tasks.Should().HaveCount(43);
        plan.Tasks.Take(20).Should().OnlyContain(t => t.Lead!.Id == _education && t.CoDepartments.Count == 2);
        plan.Tasks.Skip(20).Should().OnlyContain(t => t.Lead == null && t.CoDepartments.Count == 0);
        plan.Tasks[8].Should().Match<TaskOwnership>(t => t.Number == 9 && t.Title == "推进学前教育优质普惠发展" && t.SectionNumber == 4);
        log.Selects.Should().HaveCount(3);
    }

    [Fact]
    public async Task The_plan_list_counts_tasks_without_a_lead()
    {
        await SetAsync(9, _education, []);
        await SetAsync(1, _education, [], plan: "national");

        var plans = await _data.OwnershipQueries(o => o.ListPlansAsync());

        plans.Should().Equal(
            new PlanOwnershipSummary("national", "教育强国建设规划纲要（2024—2035年）", 38, 37),
            new PlanOwnershipSummary("chongqing", "重庆加快建设教育强市推进教育现代化规划（2024—2035年）", 43, 42));
    }
}
