using EduPlan.Application.Ownership;
using EduPlan.Application.Progress;
using EduPlan.Application.Reporting.Queries;
using EduPlan.Application.Tests.Reporting;
using EduPlan.Application.Tests.Reporting.Queries;
using EduPlan.Core.Organisation;
using EduPlan.Core.Reporting;
using Microsoft.EntityFrameworkCore;

namespace EduPlan.Application.Tests.Ownership;

/// <summary>
/// Ownership has effect dates: a change takes effect from a quarter on (by default the open one, 2026Q3 on 2026-09-10),
/// and every closed quarter keeps the owners it had, so its 填报情况, expected totals, 我的任务 and lights never change.
/// Task 10: 市教委 leads, 市财政局 joins since the beginning.
/// </summary>
public sealed class OwnershipEffectDatesTests : IAsyncLifetime
{
    private static readonly Quarter Q2 = new(2026, 2);
    private static readonly Quarter Q3 = ReportingDatabase.Q3;
    private static readonly Quarter Q4 = new(2026, 4);
    private readonly ReportingDatabase data = new();

    public Task InitializeAsync() => data.InitializeAsync();

    public Task DisposeAsync() => data.DisposeAsync();

    private async Task<Result<TaskOwnership>> SetAsync(int? lead, int[] co, Quarter? from = null)
    {
        var version = await data.QueryAsync(db => db.Tasks.Where(t => t.Id == data.TaskId).Select(t => t.OwnershipVersion).SingleAsync());
        return await data.Use(
            s => new OwnershipAdministration(s.Db, s.Audit, new OwnershipQueries(s.Db), s.Calendar).SetOwnersAsync("chongqing", 10, new OwnershipInput(lead, co, from), version),
            ReportingDatabase.Coordinator);
    }

    private Task<ReportingStatusPage> StatusAsync(Quarter quarter) =>
        data.Use(s => new ReportingStatusQuery(s.Db, s.Calendar).ForQuarterAsync(quarter));

    private async Task<List<int>> MyTasksAsync(int departmentId, Quarter quarter) =>
        (await data.Use(s => new MyTasksQuery(s.Db, s.Calendar).ForDepartmentAsync(departmentId, quarter)))!.Plans.SelectMany(p => p.Tasks).Select(t => t.TaskId).ToList();

    [Fact]
    public async Task A_co_department_added_today_is_not_expected_in_closed_quarters()
    {
        await data.AddReportAsync(data.TaskId, data.Education, Q2, ReportState.Approved, new DateTime(2026, 7, 10, 9, 0, 0));
        var before = await StatusAsync(Q2);

        (await SetAsync(data.Education, [data.Finance, data.Science])).Kind.Should().Be(ResultKind.Saved);

        var after = await StatusAsync(Q2);
        after.Departments.Select(d => (d.ShortName, d.Counts)).Should().Equal(before.Departments.Select(d => (d.ShortName, d.Counts)));
        after.Totals.Should().Be(before.Totals);
        after.Departments.Select(d => d.ShortName).Should().NotContain("市科技局");
        (await StatusAsync(Q3)).Departments.Single(d => d.ShortName == "市科技局").Counts.Expected.Should().Be(1);
        (await MyTasksAsync(data.Science, Q2)).Should().BeEmpty("市科技局 did not own task 10 in 2026Q2");
        (await MyTasksAsync(data.Science, Q3)).Should().Equal(data.TaskId);
        var audit = (await data.AuditAsync("OwnershipChanged")).Single();
        audit.Details.Should().Contain("\"from\":\"2026Q3\"");
    }

    [Fact]
    public async Task Owners_who_leave_stay_the_owners_of_closed_quarters_and_the_light_keeps_their_reports()
    {
        await data.AddReportAsync(data.TaskId, data.Education, Q2, ReportState.Approved, new DateTime(2026, 7, 10, 9, 0, 0), percent: 40);
        await data.AddReportAsync(data.TaskId, data.Finance, Q2, ReportState.Submitted, new DateTime(2026, 7, 11, 9, 0, 0));

        (await SetAsync(data.Science, [])).Kind.Should().Be(ResultKind.Saved);

        var q2 = await StatusAsync(Q2);
        q2.Departments.Select(d => d.ShortName).Should().BeEquivalentTo(["市教委", "市财政局"]);
        q2.Totals.Expected.Should().Be(2);
        (await StatusAsync(Q3)).Departments.Select(d => d.ShortName).Should().Equal("市科技局");
        (await MyTasksAsync(data.Education, Q2)).Should().Equal(data.TaskId);
        (await MyTasksAsync(data.Education, Q3)).Should().BeEmpty();
        var progress = await data.QueryAsync(db => ProgressReadModel.ReadAsync(db));
        progress.Tasks.Should().ContainSingle(p => p.TaskId == data.TaskId && p.Year == 2026 && p.QuarterNumber == 2,
            "2026Q2's light is read from 市教委's report: it led the task then");
        var past = await data.QueryAsync(db => db.PastTaskOwners.Where(p => p.TaskId == data.TaskId).ToListAsync());
        past = past.OrderBy(p => p.Part).ToList();
        past.Select(p => (p.DepartmentId, p.Part, p.FromQuarter, p.UntilQuarter)).Should().Equal(
            (data.Education, TaskPart.Lead, (int?)null, Q2.Key),
            (data.Finance, TaskPart.CoDepartment, (int?)null, Q2.Key));
    }

    [Fact]
    public async Task A_change_from_a_later_quarter_leaves_the_open_quarter_alone_and_can_be_moved_earlier()
    {
        (await SetAsync(data.Education, [data.Science], Q4)).Kind.Should().Be(ResultKind.Saved);

        (await StatusAsync(Q3)).Departments.Select(d => d.ShortName).Should().BeEquivalentTo(["市教委", "市财政局"]);
        (await StatusAsync(Q4)).Departments.Select(d => d.ShortName).Should().BeEquivalentTo(["市教委", "市科技局"]);

        (await SetAsync(data.Education, [data.Science], Q3)).Kind.Should().Be(ResultKind.Saved);
        (await StatusAsync(Q3)).Departments.Select(d => d.ShortName).Should().BeEquivalentTo(["市教委", "市科技局"]);
        (await StatusAsync(Q2)).Departments.Select(d => d.ShortName).Should().BeEquivalentTo(["市教委", "市财政局"]);
        (await SetAsync(data.Education, [data.Science], Q3)).Changed.Should().BeFalse("the owners from 2026Q3 on are already these");
    }

    [Fact]
    public async Task A_closed_quarter_cannot_be_the_first_quarter_of_a_change()
    {
        var result = await SetAsync(data.Education, [data.Science], Q2);

        result.Kind.Should().Be(ResultKind.Invalid);
        result.Errors.Should().ContainSingle(e => e.Field == "From")
            .Which.Message.ToString().Should().Be("2026年第二季度已截止，不能改动该季度的任务分工；最早可从2026年第三季度起生效");
        (await data.QueryAsync(db => db.TaskCoDepartments.CountAsync(c => c.TaskId == data.TaskId))).Should().Be(1);
        (await data.QueryAsync(db => db.PastTaskOwners.CountAsync())).Should().Be(0);
    }
}
