using System.Net;
using System.Reflection;
using EduPlan.Application.Security;
using EduPlan.Web.Authorization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace EduPlan.Web.Tests.Authorization;

/// <summary>
/// Every controller action, found by reflection, against a declared table: which policy it carries and, for
/// anonymous visitors, a user without roles and each role, whether it is allowed, refused (403) or sent to
/// sign in. A new action that is not in the table, or carries no policy, fails here.
/// </summary>
public sealed class RoleMatrixTests(RoleMatrixTests.App app) : IClassFixture<RoleMatrixTests.App>
{
    private const string Anonymous = "(anonymous)";
    private const string NoRole = "(no role)";
    private const string Password = "Matrix-Passw0rd!";

    /// <summary>Who may pass each policy. Written out here rather than read from Policies, so changing a policy fails this test.</summary>
    private static readonly Dictionary<string, string[]> Allowed = new()
    {
        [Anonymous] = [Anonymous, NoRole, .. Roles.All],
        [Policies.SignedIn] = [NoRole, .. Roles.All],
        [Policies.ReadPlans] = [.. Roles.All],
        [Policies.ManageUsers] = [Roles.Administrator],
        [Policies.ManageSecurity] = [Roles.SecurityAdministrator],
        [Policies.ManageDepartments] = [Roles.Administrator],
        [Policies.ManageOwnership] = [Roles.Administrator, Roles.Coordinator],
        [Policies.ReadAudit] = [Roles.Auditor],
        [Policies.ReportProgress] = [Roles.Reporter],
        [Policies.ReviewReports] = [Roles.Coordinator],
        [Policies.ManagePeriods] = [Roles.Coordinator],
        [Policies.ManageIndicatorLinks] = [Roles.Administrator, Roles.Coordinator],
        [Policies.ReadReportingStatus] = [Roles.Administrator, Roles.Coordinator, Roles.Viewer],
        [Policies.ImportPlans] = [Roles.Administrator],
        [Policies.PlanProgress] = [Roles.Coordinator],
    };

    /// <summary>"METHOD template" → (policy, a URL to request). Ids in sample URLs do not exist, so a POST changes nothing.</summary>
    private static readonly Dictionary<string, (string Policy, string Url)> Table = new()
    {
        ["GET account/login"] = (Anonymous, "/account/login"),
        ["POST account/login"] = (Anonymous, "/account/login"),
        ["POST account/logout"] = (Anonymous, "/account/logout"),
        ["GET account/change-password"] = (Policies.SignedIn, "/account/change-password"),
        ["POST account/change-password"] = (Policies.SignedIn, "/account/change-password"),
        ["GET account/access-denied"] = (Anonymous, "/account/access-denied"),
        ["ANY error"] = (Anonymous, "/error"),
        ["ANY error/{statusCode:int}"] = (Anonymous, "/error/404"),
        ["POST language"] = (Anonymous, "/language"),
        ["GET "] = (Policies.ReadPlans, "/"),
        ["GET plans"] = (Policies.ReadPlans, "/plans"),
        ["GET plans/{code}"] = (Policies.ReadPlans, "/plans/chongqing"),
        ["GET dashboard"] = (Policies.ReadPlans, "/dashboard"),
        ["GET api/v1/plans/{code}/dashboard"] = (Policies.ReadPlans, "/api/v1/plans/chongqing/dashboard"),
        ["GET progress"] = (Policies.PlanProgress, "/progress"),
        ["GET progress/{planCode}"] = (Policies.PlanProgress, "/progress/chongqing"),
        ["GET progress/{planCode}/tasks/{number:int}"] = (Policies.PlanProgress, "/progress/chongqing/tasks/9"),
        ["POST progress/{planCode}/tasks/{number:int}"] = (Policies.PlanProgress, "/progress/chongqing/tasks/999"),
        ["GET progress/indicators/{id:int}"] = (Policies.PlanProgress, "/progress/indicators/999999"),
        ["POST progress/indicators/{id:int}"] = (Policies.PlanProgress, "/progress/indicators/999999"),
        ["GET progress/curves/import"] = (Policies.PlanProgress, "/progress/curves/import"),
        ["POST progress/curves/import"] = (Policies.PlanProgress, "/progress/curves/import"),
        ["GET progress/curves/template.csv"] = (Policies.PlanProgress, "/progress/curves/template.csv"),
        ["GET plans/{code}/tasks/{number:int}"] = (Policies.ReadPlans, "/plans/chongqing/tasks/9"),
        ["GET search"] = (Policies.ReadPlans, "/search?q=教育"),
        ["GET targets"] = (Policies.ReadPlans, "/targets"),
        ["GET admin/users"] = (Policies.ManageUsers, "/admin/users"),
        ["GET admin/users/new"] = (Policies.ManageUsers, "/admin/users/new"),
        ["POST admin/users/new"] = (Policies.ManageUsers, "/admin/users/new"),
        ["GET admin/users/{id}/edit"] = (Policies.ManageUsers, "/admin/users/no-such-user/edit"),
        ["POST admin/users/{id}/edit"] = (Policies.ManageUsers, "/admin/users/no-such-user/edit"),
        ["POST admin/users/{id}/disable"] = (Policies.ManageUsers, "/admin/users/no-such-user/disable"),
        ["POST admin/users/{id}/enable"] = (Policies.ManageUsers, "/admin/users/no-such-user/enable"),
        ["POST admin/users/{id}/reset-password"] = (Policies.ManageUsers, "/admin/users/no-such-user/reset-password"),
        ["GET security/settings"] = (Policies.ManageSecurity, "/security/settings"),
        // Without the form's fields the POST is invalid and changes nothing.
        ["POST security/settings"] = (Policies.ManageSecurity, "/security/settings"),
        ["GET security/users"] = (Policies.ManageSecurity, "/security/users"),
        ["GET security/users/{id}"] = (Policies.ManageSecurity, "/security/users/no-such-user"),
        ["POST security/users/{id}/roles"] = (Policies.ManageSecurity, "/security/users/no-such-user/roles"),
        ["POST security/users/{id}/unlock"] = (Policies.ManageSecurity, "/security/users/no-such-user/unlock"),
        ["GET admin/departments"] = (Policies.ManageDepartments, "/admin/departments"),
        ["GET admin/departments/new"] = (Policies.ManageDepartments, "/admin/departments/new"),
        ["POST admin/departments/new"] = (Policies.ManageDepartments, "/admin/departments/new"),
        ["GET admin/departments/{id:int}/edit"] = (Policies.ManageDepartments, "/admin/departments/999999/edit"),
        ["POST admin/departments/{id:int}/edit"] = (Policies.ManageDepartments, "/admin/departments/999999/edit"),
        ["POST admin/departments/{id:int}/deactivate"] = (Policies.ManageDepartments, "/admin/departments/999999/deactivate"),
        ["POST admin/departments/{id:int}/reactivate"] = (Policies.ManageDepartments, "/admin/departments/999999/reactivate"),
        ["GET admin/departments/{id:int}/delete"] = (Policies.ManageDepartments, "/admin/departments/999999/delete"),
        ["POST admin/departments/{id:int}/delete"] = (Policies.ManageDepartments, "/admin/departments/999999/delete"),
        ["GET ownership"] = (Policies.ManageOwnership, "/ownership"),
        ["GET ownership/{planCode}"] = (Policies.ManageOwnership, "/ownership/chongqing"),
        ["GET ownership/{planCode}/tasks/{number:int}"] = (Policies.ManageOwnership, "/ownership/chongqing/tasks/9"),
        ["POST ownership/{planCode}/tasks/{number:int}"] = (Policies.ManageOwnership, "/ownership/chongqing/tasks/999"),
        ["GET ownership/import"] = (Policies.ManageOwnership, "/ownership/import"),
        ["POST ownership/import"] = (Policies.ManageOwnership, "/ownership/import"),
        ["GET ownership/template.csv"] = (Policies.ManageOwnership, "/ownership/template.csv"),
        ["GET audit"] = (Policies.ReadAudit, "/audit"),
        ["GET audit/export"] = (Policies.ReadAudit, "/audit/export"),
        ["GET my/tasks"] = (Policies.ReportProgress, "/my/tasks"),
        ["GET my/tasks/{taskId:int}/{quarter}"] = (Policies.ReportProgress, "/my/tasks/999999/2026Q3"),
        ["POST my/tasks/{taskId:int}/{quarter}"] = (Policies.ReportProgress, "/my/tasks/999999/2026Q3"),
        ["GET reports/{id:int}"] = (Policies.ReadPlans, "/reports/999999"),
        ["GET reports/{id:int}/diff"] = (Policies.ReadPlans, "/reports/999999/diff"),
        ["GET reports/{id:int}/evidence/{evidenceId:int}"] = (Policies.ReadPlans, "/reports/999999/evidence/999999"),
        ["GET review"] = (Policies.ReviewReports, "/review"),
        ["POST review/{id:int}/approve"] = (Policies.ReviewReports, "/review/999999/approve"),
        ["POST review/{id:int}/return"] = (Policies.ReviewReports, "/review/999999/return"),
        ["POST review/{id:int}/reopen"] = (Policies.ReviewReports, "/review/999999/reopen"),
        ["POST review/approve-selected"] = (Policies.ReviewReports, "/review/approve-selected"),
        ["GET reporting/periods"] = (Policies.ManagePeriods, "/reporting/periods"),
        ["POST reporting/periods/{quarter}/close"] = (Policies.ManagePeriods, "/reporting/periods/1999Q1/close"),
        ["POST reporting/periods/{quarter}/reopen"] = (Policies.ManagePeriods, "/reporting/periods/1999Q1/reopen"),
        ["POST reporting/periods/{quarter}/reset"] = (Policies.ManagePeriods, "/reporting/periods/1999Q1/reset"),
        ["POST reporting/periods/{quarter}/exceptions"] = (Policies.ManagePeriods, "/reporting/periods/1999Q1/exceptions"),
        ["POST reporting/periods/{quarter}/exceptions/{departmentId:int}/delete"] = (Policies.ManagePeriods, "/reporting/periods/1999Q1/exceptions/999999/delete"),
        ["GET reporting/status"] = (Policies.ReadReportingStatus, "/reporting/status"),
        ["GET reporting/status/{departmentId:int}"] = (Policies.ReadReportingStatus, "/reporting/status/999999?quarter=2026Q3"),
        ["GET indicators"] = (Policies.ManageIndicatorLinks, "/indicators"),
        ["POST indicators/{id:int}/links"] = (Policies.ManageIndicatorLinks, "/indicators/999999/links"),
        ["POST indicators/{id:int}/links/{taskId:int}/delete"] = (Policies.ManageIndicatorLinks, "/indicators/999999/links/999999/delete"),
        ["GET admin/plans/import"] = (Policies.ImportPlans, "/admin/plans/import"),
        ["POST admin/plans/import"] = (Policies.ImportPlans, "/admin/plans/import"),
        ["GET admin/plans/import/template.xlsx"] = (Policies.ImportPlans, "/admin/plans/import/template.xlsx"),
        ["GET admin/plans/import/{id:int}"] = (Policies.ImportPlans, "/admin/plans/import/999999"),
        ["GET admin/plans/import/{id:int}/plan.xlsx"] = (Policies.ImportPlans, "/admin/plans/import/999999/plan.xlsx?plan=0"),
        ["POST admin/plans/import/{id:int}/plan"] = (Policies.ImportPlans, "/admin/plans/import/999999/plan"),
        ["POST admin/plans/import/{id:int}/corrections"] = (Policies.ImportPlans, "/admin/plans/import/999999/corrections"),
        ["POST admin/plans/import/{id:int}/corrections/undo"] = (Policies.ImportPlans, "/admin/plans/import/999999/corrections/undo"),
        ["GET admin/plans/import/{id:int}/indicators/new"] = (Policies.ImportPlans, "/admin/plans/import/999999/indicators/new?plan=x&sentence=y"),
        ["POST admin/plans/import/{id:int}/confirm"] = (Policies.ImportPlans, "/admin/plans/import/999999/confirm"),
        ["POST admin/plans/import/{id:int}/discard"] = (Policies.ImportPlans, "/admin/plans/import/999999/discard"),
    };

    private static readonly string[] Identities = [Anonymous, NoRole, .. Roles.All];

    [Fact]
    public void Every_controller_action_names_a_policy_or_allows_anonymous()
    {
        var missing = ControllerActions()
            .Where(a => EffectivePolicy(a) is null)
            .Select(a => $"{a.DeclaringType!.Name}.{a.Name}")
            .ToList();

        missing.Should().BeEmpty("deny by default: every action carries [Authorize(Policy = ...)] or [AllowAnonymous]");
    }

    [Fact]
    public void Every_endpoint_is_in_the_table_with_the_policy_it_carries()
    {
        var endpoints = Endpoints();
        var actual = endpoints.ToDictionary(e => e.Key, e => EffectivePolicy(e.Action) ?? "(none)");
        var declared = Table.ToDictionary(e => e.Key, e => e.Value.Policy);

        actual.Should().BeEquivalentTo(declared,
            "each endpoint must be declared in RoleMatrixTests.Table with the policy it carries (and no stale rows)");
    }

    [Fact]
    public async Task Each_identity_is_allowed_refused_or_sent_to_sign_in_as_the_table_says()
    {
        var failures = new List<string>();
        foreach (var identity in Identities)
        {
            var client = await app.ClientForAsync(identity);
            var token = await TokenAsync(client, identity);

            // Signing out last: it ends this identity's session.
            foreach (var (key, (policy, url)) in Table.OrderBy(e => e.Key == "POST account/logout"))
            {
                var expected = Expected(policy, identity);
                var actual = await OutcomeAsync(client, key, url, token);
                if (actual != expected)
                {
                    failures.Add($"{identity,-15} {key,-40} expected {expected}, got {actual}");
                }
            }
        }

        failures.Should().BeEmpty();
    }

    private static Outcome Expected(string policy, string identity) =>
        Allowed[policy].Contains(identity) ? Outcome.Allowed
        : identity == Anonymous ? Outcome.SignIn
        : Outcome.Forbidden;

    private static async Task<Outcome> OutcomeAsync(HttpClient client, string key, string url, string token)
    {
        using var request = new HttpRequestMessage(key.StartsWith("POST", StringComparison.Ordinal) ? HttpMethod.Post : HttpMethod.Get, url);
        if (request.Method == HttpMethod.Post)
        {
            request.Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token });
        }

        using var response = await client.SendAsync(request);
        var location = response.Headers.Location?.OriginalString ?? "";
        return response.StatusCode switch
        {
            // The access-denied page itself answers 403 to say what it is.
            HttpStatusCode.Forbidden when !url.StartsWith("/account/access-denied", StringComparison.Ordinal) => Outcome.Forbidden,
            // The read API answers 401 instead of sending the client to the sign-in page.
            HttpStatusCode.Unauthorized => Outcome.SignIn,
            HttpStatusCode.Redirect when location.Contains("/account/access-denied", StringComparison.OrdinalIgnoreCase) => Outcome.Forbidden,
            HttpStatusCode.Redirect when location.Contains("/account/login", StringComparison.OrdinalIgnoreCase)
                && !key.EndsWith("account/logout", StringComparison.Ordinal) => Outcome.SignIn,
            _ => Outcome.Allowed,
        };
    }

    private static async Task<string> TokenAsync(HttpClient client, string identity)
    {
        // Any page with a form gives a token bound to this client's cookie and user.
        var page = identity == Anonymous ? "/account/login" : "/account/change-password";
        return await client.GetAntiforgeryTokenAsync(page);
    }

    private List<(string Key, MethodInfo Action)> Endpoints()
    {
        var provider = app.Services.GetRequiredService<IActionDescriptorCollectionProvider>();
        return provider.ActionDescriptors.Items
            .OfType<ControllerActionDescriptor>()
            .SelectMany(d => (d.EndpointMetadata.OfType<Microsoft.AspNetCore.Routing.HttpMethodMetadata>().FirstOrDefault()?.HttpMethods ?? ["ANY"])
                .Select(m => ($"{m} {d.AttributeRouteInfo?.Template ?? "(conventional)"}", d.MethodInfo)))
            .ToList();
    }

    private static IEnumerable<MethodInfo> ControllerActions() =>
        typeof(Program).Assembly.GetTypes()
            .Where(t => typeof(ControllerBase).IsAssignableFrom(t) && !t.IsAbstract)
            .SelectMany(t => t.GetMethods(BindingFlags.Instance | BindingFlags.Public | BindingFlags.DeclaredOnly))
            .Where(m => !m.IsSpecialName && m.GetCustomAttribute<NonActionAttribute>() is null);

    /// <summary>The policy an action runs under: the action's own attributes first, then its controller's.</summary>
    private static string? EffectivePolicy(MethodInfo action)
    {
        if (action.GetCustomAttribute<AllowAnonymousAttribute>() is not null)
        {
            return Anonymous;
        }

        var own = action.GetCustomAttributes<AuthorizeAttribute>().Select(a => a.Policy).FirstOrDefault(p => p is not null);
        if (own is not null)
        {
            return own;
        }

        var controller = action.DeclaringType!;
        if (controller.GetCustomAttribute<AllowAnonymousAttribute>() is not null)
        {
            return Anonymous;
        }

        return controller.GetCustomAttributes<AuthorizeAttribute>().Select(a => a.Policy).FirstOrDefault(p => p is not null);
    }

    private enum Outcome
    {
        Allowed,
        Forbidden,
        SignIn,
    }

    /// <summary>The app with one signed-in client per identity (a user per role, a reporter with a department, a user with no role).</summary>
    public sealed class App : EduPlanWebFactory
    {
        public App()
        {
            // The matrix signs in seven users from one address.
            Settings["Security:SignInAttemptsPerMinute"] = "1000";
        }

        public async Task<HttpClient> ClientForAsync(string identity)
        {
            var client = CreateBrowser();
            if (identity == Anonymous)
            {
                return client;
            }

            var userName = "matrix-" + (identity == NoRole ? "none" : identity.ToLowerInvariant());
            await CreateUserAsync(userName, Password, identity == NoRole ? [] : [identity], departmentShortName: "矩阵单位");
            var response = await client.SignInAsync(userName, Password);
            response.StatusCode.Should().Be(HttpStatusCode.Redirect, $"{userName} should sign in");
            return client;
        }
    }
}
