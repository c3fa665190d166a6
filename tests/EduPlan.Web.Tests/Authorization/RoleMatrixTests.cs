using System.Net;
using System.Reflection;
using EduPlan.Application.Security;
using EduPlan.Web.Authorization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Template;
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

    /// <summary>
    /// The exact answer, for an identity the policy lets through, of a row whose sample URL names a record that does not
    /// exist or posts a form without its fields: the use case ran and said no. Every other row must answer 2xx or a
    /// redirect that is not to sign-in or access-denied; a 5xx never passes.
    /// </summary>
    private static readonly Dictionary<string, HttpStatusCode> AllowedAnswers = new()
    {
        // The sample id, task number, quarter or page names nothing that exists (the error page shows the 404 it is asked for).
        ["ANY error/{statusCode:int}"] = HttpStatusCode.NotFound,
        ["GET admin/users/{id}/edit"] = HttpStatusCode.NotFound,
        ["POST admin/users/{id}/edit"] = HttpStatusCode.NotFound,
        ["POST admin/users/{id}/disable"] = HttpStatusCode.NotFound,
        ["POST admin/users/{id}/enable"] = HttpStatusCode.NotFound,
        ["POST admin/users/{id}/reset-password"] = HttpStatusCode.NotFound,
        ["GET admin/departments/{id:int}/edit"] = HttpStatusCode.NotFound,
        ["POST admin/departments/{id:int}/deactivate"] = HttpStatusCode.NotFound,
        ["POST admin/departments/{id:int}/reactivate"] = HttpStatusCode.NotFound,
        ["GET admin/departments/{id:int}/delete"] = HttpStatusCode.NotFound,
        ["POST admin/departments/{id:int}/delete"] = HttpStatusCode.NotFound,
        ["POST ownership/{planCode}/tasks/{number:int}"] = HttpStatusCode.NotFound,
        ["GET reports/{id:int}"] = HttpStatusCode.NotFound,
        ["GET reports/{id:int}/diff"] = HttpStatusCode.NotFound,
        ["GET reports/{id:int}/evidence/{evidenceId:int}"] = HttpStatusCode.NotFound,
        ["GET reporting/status/{departmentId:int}"] = HttpStatusCode.NotFound,
        ["POST indicators/{id:int}/links"] = HttpStatusCode.NotFound,
        ["POST indicators/{id:int}/links/{taskId:int}/delete"] = HttpStatusCode.NotFound,
        ["GET admin/plans/import/{id:int}"] = HttpStatusCode.NotFound,
        ["GET admin/plans/import/{id:int}/plan.xlsx"] = HttpStatusCode.NotFound,
        ["POST admin/plans/import/{id:int}/plan"] = HttpStatusCode.NotFound,
        ["POST admin/plans/import/{id:int}/corrections"] = HttpStatusCode.NotFound,
        ["POST admin/plans/import/{id:int}/corrections/undo"] = HttpStatusCode.NotFound,
        ["GET admin/plans/import/{id:int}/indicators/new"] = HttpStatusCode.NotFound,
        ["POST admin/plans/import/{id:int}/confirm"] = HttpStatusCode.NotFound,
        ["POST admin/plans/import/{id:int}/discard"] = HttpStatusCode.NotFound,
        ["GET security/users/{id}"] = HttpStatusCode.NotFound,
        ["POST security/users/{id}/roles"] = HttpStatusCode.NotFound,
        ["POST security/users/{id}/unlock"] = HttpStatusCode.NotFound,
        ["POST progress/{planCode}/tasks/{number:int}"] = HttpStatusCode.NotFound,
        ["GET progress/indicators/{id:int}"] = HttpStatusCode.NotFound,
        ["POST progress/indicators/{id:int}"] = HttpStatusCode.NotFound,
        ["POST review/{id:int}/approve"] = HttpStatusCode.NotFound,
        ["POST review/{id:int}/return"] = HttpStatusCode.NotFound,
        ["POST review/{id:int}/reopen"] = HttpStatusCode.NotFound,
        ["POST reporting/periods/{quarter}/close"] = HttpStatusCode.NotFound,
        ["POST reporting/periods/{quarter}/reopen"] = HttpStatusCode.NotFound,
        ["POST reporting/periods/{quarter}/reset"] = HttpStatusCode.NotFound,
        ["POST reporting/periods/{quarter}/exceptions"] = HttpStatusCode.NotFound,
        ["POST reporting/periods/{quarter}/exceptions/{departmentId:int}/delete"] = HttpStatusCode.NotFound,
        ["GET my/tasks/{taskId:int}/{quarter}"] = HttpStatusCode.NotFound,
        ["POST my/tasks/{taskId:int}/{quarter}"] = HttpStatusCode.NotFound,
        // Posted without the form's fields: the form again with what is wrong (422), or no file to read (400).
        ["POST admin/users/new"] = HttpStatusCode.UnprocessableEntity,
        ["POST security/settings"] = HttpStatusCode.UnprocessableEntity,
        ["POST ownership/import"] = HttpStatusCode.BadRequest,
        ["POST admin/plans/import"] = HttpStatusCode.BadRequest,
    };

    [Fact]
    public void Each_sample_url_matches_its_route_and_each_expected_answer_names_a_row()
    {
        var mismatched = Table
            .Where(e => !new TemplateMatcher(TemplateParser.Parse(e.Key[(e.Key.IndexOf(' ', StringComparison.Ordinal) + 1)..]), new RouteValueDictionary())
                .TryMatch(new PathString(e.Value.Url.Split('?')[0]), new RouteValueDictionary()))
            .Select(e => $"{e.Key} ← {e.Value.Url}");

        mismatched.Should().BeEmpty("a 404 counts as allowed only where the route was found and the record was not");
        AllowedAnswers.Keys.Should().BeSubsetOf(Table.Keys);
    }

    [Fact]
    public async Task Each_identity_is_allowed_refused_or_sent_to_sign_in_as_the_table_says()
    {
        var failures = await FailuresAsync(app, Table);

        string.Join(Environment.NewLine, failures).Should().BeEmpty();
    }

    /// <summary>Each identity against each row; one line per row whose answer is not the one the table expects.</summary>
    internal static async Task<List<string>> FailuresAsync(App app, IReadOnlyDictionary<string, (string Policy, string Url)> table)
    {
        var failures = new List<string>();
        foreach (var identity in Identities)
        {
            var client = await app.ClientForAsync(identity);
            var token = await TokenAsync(client, identity);

            // Signing out last: it ends this identity's session.
            foreach (var (key, (policy, url)) in table.OrderBy(e => e.Key == "POST account/logout"))
            {
                var expected = Expected(key, policy, identity);
                var actual = await OutcomeAsync(client, key, url, token);
                if (actual != expected)
                {
                    failures.Add($"{identity,-15} {key,-40} expected {expected}, got {actual}");
                }
            }
        }

        return failures;
    }

    private static string Expected(string key, string policy, string identity) =>
        Allowed[policy].Contains(identity) ? (AllowedAnswers.TryGetValue(key, out var status) ? StatusOutcome(status) : AllowedOutcome)
        : identity == Anonymous ? SignInOutcome
        : ForbiddenOutcome;

    private const string AllowedOutcome = "allowed (2xx or a redirect)";
    private const string ForbiddenOutcome = "forbidden";
    private const string SignInOutcome = "sent to sign in";

    private static string StatusOutcome(HttpStatusCode status) => $"status {(int)status}";

    private static async Task<string> OutcomeAsync(HttpClient client, string key, string url, string token)
    {
        using var request = new HttpRequestMessage(key.StartsWith("POST", StringComparison.Ordinal) ? HttpMethod.Post : HttpMethod.Get, url);
        if (request.Method == HttpMethod.Post)
        {
            request.Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token });
        }

        using var response = await client.SendAsync(request);
        var location = response.Headers.Location?.OriginalString ?? "";
        var status = (int)response.StatusCode;
        return response.StatusCode switch
        {
            // The access-denied page itself answers 403 to say what it is.
            HttpStatusCode.Forbidden when url.StartsWith("/account/access-denied", StringComparison.Ordinal) => AllowedOutcome,
            HttpStatusCode.Forbidden => ForbiddenOutcome,
            // The read API answers 401 instead of sending the client to the sign-in page.
            HttpStatusCode.Unauthorized => SignInOutcome,
            // Asked for directly, the exception handler's page renders itself with the status it exists to show; a crash
            // of that page would leave the status without the page.
            HttpStatusCode.InternalServerError when url == "/error"
                && (await response.Content.ReadAsStringAsync()).Contains("<p class=\"notice-code\">500</p>", StringComparison.Ordinal) => AllowedOutcome,
            HttpStatusCode.Redirect when location.Contains("/account/access-denied", StringComparison.OrdinalIgnoreCase) => ForbiddenOutcome,
            HttpStatusCode.Redirect when location.Contains("/account/login", StringComparison.OrdinalIgnoreCase)
                && !key.EndsWith("account/logout", StringComparison.Ordinal) => SignInOutcome,
            _ when status is >= 200 and < 400 => AllowedOutcome,
            // 404, 409, 422 and every 5xx: said as the status, which only a row of AllowedAnswers may expect (never a 5xx).
            _ => StatusOutcome(response.StatusCode),
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

    /// <summary>The app with one signed-in client per identity (a user per role, a reporter with a department, a user with no role).</summary>
    public class App : EduPlanWebFactory
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
