using System.Net;
using EduPlan.Application.Auditing;
using EduPlan.Application.Security;
using EduPlan.Core.Auditing;
using EduPlan.Data;
using Microsoft.Extensions.DependencyInjection;

namespace EduPlan.Web.Tests.Audit;

/// <summary>An app of its own for the audit tests (they add entries), with one user per role besides the administrator.</summary>
public sealed class AuditApp : EduPlanWebFactory
{
    public const string Password = "Audit-Passw0rd-2026!";
    public const string Auditor = "auditor1";

    public static readonly IReadOnlyDictionary<string, string> UserOfRole = new Dictionary<string, string>
    {
        [Roles.Auditor] = Auditor,
        [Roles.Coordinator] = "coordinator1",
        [Roles.Reporter] = "reporter1",
        [Roles.Viewer] = "viewer1",
    };

    private readonly Lazy<Task> users;

    public AuditApp() => users = new Lazy<Task>(CreateUsersAsync);

    /// <summary>Awaits the one-time creation of the users.</summary>
    public Task Ready => users.Value;

    /// <summary>A browser signed in as the user who holds <paramref name="role"/> (the built-in admin for Administrator).</summary>
    public async Task<HttpClient> SignedInAsAsync(string role)
    {
        await Ready;
        var client = CreateBrowser();
        var (userName, password) = role == Roles.Administrator
            ? (WebTestHelpers.AdminUserName, TestAdminPassword)
            : (UserOfRole[role], Password);
        var response = await client.SignInAsync(userName, password);
        response.StatusCode.Should().Be(HttpStatusCode.Redirect, $"{userName} should be able to sign in");
        return client;
    }

    /// <summary>Writes an entry through the real AuditLog (so details are serialised as in production) at a chosen time.</summary>
    public async Task<long> AddEntryAsync(
        DateTime occurredAtUtc,
        string action,
        string targetName,
        AuditOutcome outcome = AuditOutcome.Success,
        string actor = "admin",
        string? address = "10.0.0.1",
        object? details = null,
        string targetType = "User",
        string? targetId = "42")
    {
        await using var scope = Services.CreateAsyncScope();
        var log = scope.ServiceProvider.GetRequiredService<AuditLog>();
        var entry = log.Add(action, outcome, new AuditTarget(targetType, targetId, targetName), details, new FixedAuditActor("actor-id-" + actor, actor, address));
        entry.OccurredAt = DateTime.SpecifyKind(occurredAtUtc, DateTimeKind.Utc);
        await scope.ServiceProvider.GetRequiredService<EduPlanDbContext>().SaveChangesAsync();
        return entry.Id;
    }

    private async Task CreateUsersAsync()
    {
        foreach (var (role, userName) in UserOfRole)
        {
            await CreateUserAsync(userName, Password, [role], role == Roles.Reporter ? "审计测试单位" : null);
        }
    }
}
