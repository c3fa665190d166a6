using EduPlan.Application;
using EduPlan.Application.Auditing;
using EduPlan.Application.Departments;
using EduPlan.Core.Organisation;
using EduPlan.Core.Reporting;
using Microsoft.EntityFrameworkCore;

namespace EduPlan.Application.Tests.Departments;

/// <summary>Deleting a department once reporting has begun: reports keep it; period exceptions go with it.</summary>
public sealed class DepartmentDeletionWithReportsTests : IAsyncLifetime
{
    private readonly AdministrationDatabase _data = new();

    public Task InitializeAsync() => _data.InitializeAsync();

    public Task DisposeAsync() => _data.DisposeAsync();

    [Fact]
    public async Task A_department_that_wrote_reports_cannot_be_deleted_even_after_it_gave_its_tasks_away_and_the_refusal_counts_them()
    {
        var department = await _data.AddDepartmentAsync("重庆市体育局", "市体育局");
        await AddReportsAsync(department, chongqingTasks: [4, 5], quarters: [new Quarter(2025, 4), new Quarter(2026, 1)]);
        var version = (await _data.DepartmentQueries(d => d.GetAsync(department)))!.Version;

        var result = await _data.Departments(d => d.DeleteAsync(department, version));

        result.Kind.Should().Be(ResultKind.Refused);
        result.Reason.Should().Be("该单位仍有4份进展报告，不能删除；可将其停用。");
        result.Value!.Usage.Should().Be(new DepartmentUsage(0, 0, 0, 0, Reports: 4));
        (await _data.QueryAsync(db => db.ProgressReports.CountAsync(r => r.DepartmentId == department))).Should().Be(4);
        (await _data.AuditAsync(AuditActions.DepartmentDeleted)).Should().BeEmpty();
    }

    [Fact]
    public void Reports_are_named_after_users_and_tasks_in_the_refusal()
    {
        DepartmentAdministration.RefusalReason(new DepartmentUsage(2, 1, 0, 0, Reports: 12))
            .Should().Be("该单位仍有2名用户、牵头1项任务、有12份进展报告，不能删除；可将其停用。");
        DepartmentAdministration.RefusalReason(new DepartmentUsage(0, 0, 0, 0, Reports: 1))
            .Should().Be("该单位仍有1份进展报告，不能删除；可将其停用。");
    }

    [Fact]
    public async Task The_list_counts_each_department_s_reports()
    {
        var sports = await _data.AddDepartmentAsync("重庆市体育局", "市体育局");
        var health = await _data.AddDepartmentAsync("重庆市卫生健康委员会", "市卫生健康委");
        await AddReportsAsync(sports, chongqingTasks: [5], quarters: [new Quarter(2026, 1), new Quarter(2026, 2), new Quarter(2026, 3)]);

        var list = await _data.DepartmentQueries(d => d.ListAsync());

        list.Single(d => d.Id == sports).Usage.Reports.Should().Be(3);
        list.Single(d => d.Id == health).Usage.Should().Be(new DepartmentUsage(0, 0, 0, 0, Reports: 0));
    }

    [Fact]
    public async Task A_department_with_a_period_exception_but_no_reports_is_deleted_and_the_exception_goes_with_it()
    {
        var department = await _data.AddDepartmentAsync("重庆市委编办", "市委编办");
        var kept = await _data.AddDepartmentAsync("重庆市财政局", "市财政局");
        await using (var db = _data.Context())
        {
            db.ReportingPeriodOverrides.AddRange(
                Exception(department, new Quarter(2026, 2)),
                Exception(department, new Quarter(2026, 3)),
                Exception(kept, new Quarter(2026, 3)),
                new ReportingPeriodOverride { Year = 2026, QuarterNumber = 3, Mode = PeriodOverrideMode.Closed, ChangedByName = "coordinator" });
            await db.SaveChangesAsync();
        }

        var version = (await _data.DepartmentQueries(d => d.GetAsync(department)))!.Version;

        var result = await _data.Departments(d => d.DeleteAsync(department, version));

        result.Kind.Should().Be(ResultKind.Saved, string.Join("; ", result.Messages.Zh()));
        (await _data.QueryAsync(db => db.Departments.AnyAsync(d => d.Id == department))).Should().BeFalse();
        var left = await _data.QueryAsync(db => db.ReportingPeriodOverrides.Select(o => o.DepartmentId).ToListAsync());
        left.Should().BeEquivalentTo(new int?[] { kept, null }, "only the deleted department's exceptions go; the quarter-wide closing and others' exceptions stay");
        var entry = (await _data.AuditAsync(AuditActions.DepartmentDeleted)).Should().ContainSingle().Subject;
        entry.TargetName.Should().Be("重庆市委编办");
        AdministrationDatabase.Details(entry, "periodExceptionsRemoved").GetInt32().Should().Be(2, "the entry says what went with the department");
    }

    private static ReportingPeriodOverride Exception(int departmentId, Quarter quarter) => new()
    {
        Year = quarter.Year,
        QuarterNumber = quarter.Number,
        DepartmentId = departmentId,
        Mode = PeriodOverrideMode.Open,
        OpenUntil = quarter.EndDate.AddDays(30),
        Reason = "补报",
        ChangedByName = "coordinator",
    };

    /// <summary>One approved report per task and quarter, written straight to the database.</summary>
    private async Task AddReportsAsync(int departmentId, int[] chongqingTasks, Quarter[] quarters)
    {
        await using var db = _data.Context();
        var taskIds = await db.Tasks.Where(t => t.Plan!.Code == "chongqing" && chongqingTasks.Contains(t.Number)).Select(t => t.Id).ToListAsync();
        foreach (var taskId in taskIds)
        {
            foreach (var quarter in quarters)
            {
                db.ProgressReports.Add(new ProgressReport
                {
                    TaskId = taskId,
                    DepartmentId = departmentId,
                    Year = quarter.Year,
                    QuarterNumber = quarter.Number,
                    State = ReportState.Approved,
                    Status = ReportStatus.OnTrack,
                    Percent = 30,
                    Progress = "按计划推进。",
                    UpdatedByName = "reporter",
                    Revision = 3,
                });
            }
        }

        await db.SaveChangesAsync();
    }
}
