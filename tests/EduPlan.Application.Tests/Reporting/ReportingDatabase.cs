using EduPlan.Application.Auditing;
using EduPlan.Application.Reporting;
using EduPlan.Application.Tests.Departments;
using EduPlan.Core.Auditing;
using EduPlan.Core.Organisation;
using EduPlan.Core.Reporting;
using EduPlan.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Options;

namespace EduPlan.Application.Tests.Reporting;

/// <summary>
/// The seed plans with two departments owning Chongqing task 10 (义务教育优质均衡发展): 市教委 leads, 市财政局 joins;
/// 教共体覆盖率 (a 2027 goal indicator, in %) is linked to the task. The clock starts on 2026-09-10 in China, when
/// 2026Q3 is open (its deadline is 2026-10-15). Each call of <see cref="Use{T}"/> gets a fresh DbContext, as a request does.
/// </summary>
public sealed class ReportingDatabase : IAsyncLifetime
{
    public static readonly FixedAuditActor Reporter = new("user-reporter", "reporter", "10.0.0.9");
    public static readonly FixedAuditActor Coordinator = new("user-coordinator", "coordinator", "10.0.0.10");

    public AdministrationDatabase Data { get; } = new();

    public ReportingOptions Options { get; } = new();

    public int Education { get; private set; }
    public int Finance { get; private set; }
    public int Science { get; private set; }
    public int TaskId { get; private set; }
    public int CoverageIndicatorId { get; private set; }

    public static Quarter Q3 { get; } = new(2026, 3);

    public async Task InitializeAsync()
    {
        await Data.InitializeAsync();
        SetChinaTime(new DateTime(2026, 9, 10, 10, 0, 0));
        Education = await Data.AddDepartmentAsync("重庆市教育委员会", "市教委");
        Finance = await Data.AddDepartmentAsync("重庆市财政局", "市财政局");
        Science = await Data.AddDepartmentAsync("重庆市科学技术局", "市科技局");
        await using var db = Data.Context();
        var task = await db.Tasks.SingleAsync(t => t.Plan!.Code == "chongqing" && t.Number == 10);
        task.LeadDepartmentId = Education;
        db.TaskCoDepartments.Add(new TaskCoDepartment { TaskId = task.Id, DepartmentId = Finance });
        var coverage = await db.Indicators.SingleAsync(i => i.Name == "教共体覆盖率");
        db.IndicatorTaskLinks.Add(new IndicatorTaskLink { IndicatorId = coverage.Id, TaskId = task.Id, LinkedAt = Data.Clock.GetUtcNow().UtcDateTime, LinkedByName = "admin" });
        await db.SaveChangesAsync();
        TaskId = task.Id;
        CoverageIndicatorId = coverage.Id;
    }

    public Task DisposeAsync() => Data.DisposeAsync();

    /// <summary>Moves the clock to a China wall-clock time.</summary>
    public void SetChinaTime(DateTime chinaTime) =>
        Data.Clock.SetUtcNow(new DateTimeOffset(DateTime.SpecifyKind(chinaTime, DateTimeKind.Unspecified), ChinaCalendar.Offset).ToUniversalTime());

    /// <summary>Runs work with a fresh context, an audit log acting as <paramref name="actor"/> and the calendar.</summary>
    public async Task<T> Use<T>(Func<ReportingServices, Task<T>> work, IAuditActor? actor = null, params IInterceptor[] interceptors)
    {
        await using var db = Data.Context(interceptors);
        var services = new ReportingServices(
            db,
            new AuditLog(db, actor ?? Reporter, Data.Clock),
            new ReportingCalendar(db, Data.Clock, Microsoft.Extensions.Options.Options.Create(Options)),
            Data.Clock,
            Microsoft.Extensions.Options.Options.Create(Options));
        return await work(services);
    }

    public Task<T> QueryAsync<T>(Func<EduPlanDbContext, Task<T>> query) => Data.QueryAsync(query);

    public Task<List<AuditEntry>> AuditAsync(string action) => Data.AuditAsync(action);
}

/// <summary>What a reporting use case is built from (each test constructs the class it tests from these).</summary>
public sealed record ReportingServices(
    EduPlanDbContext Db,
    AuditLog Audit,
    ReportingCalendar Calendar,
    TimeProvider Clock,
    IOptions<ReportingOptions> Options);
