using EduPlan.Application.Security;
using Microsoft.AspNetCore.Authorization;

namespace EduPlan.Web.Authorization;

/// <summary>
/// Named authorization policies. Every controller action names one of these (or is [AllowAnonymous]);
/// the role-matrix test in EduPlan.Web.Tests fails for an action that does not.
/// </summary>
public static class Policies
{
    /// <summary>Any signed-in user, whatever their roles: their own password, sign-out.</summary>
    public const string SignedIn = nameof(SignedIn);

    /// <summary>Reading the plans, tasks and targets: any user who holds at least one role.</summary>
    public const string ReadPlans = nameof(ReadPlans);

    /// <summary>Users' accounts (/admin/users): administrators. Not their roles (三员分立).</summary>
    public const string ManageUsers = nameof(ManageUsers);

    /// <summary>
    /// Security administration (三员分立): the security settings (/security/settings), granting and revoking roles and
    /// unlocking accounts (/security/users): security administrators only.
    /// </summary>
    public const string ManageSecurity = nameof(ManageSecurity);

    /// <summary>Departments (/admin/departments): administrators.</summary>
    public const string ManageDepartments = nameof(ManageDepartments);

    /// <summary>Who owns which task (/ownership): administrators and coordinators.</summary>
    public const string ManageOwnership = nameof(ManageOwnership);

    /// <summary>The security audit log (/audit): auditors only, not administrators.</summary>
    public const string ReadAudit = nameof(ReadAudit);

    /// <summary>Entering progress (/my/tasks): reporters; which tasks is checked per record (the task's owners).</summary>
    public const string ReportProgress = nameof(ReportProgress);

    /// <summary>Approving, returning and reopening reports (/review): coordinators.</summary>
    public const string ReviewReports = nameof(ReviewReports);

    /// <summary>Closing, reopening and making exceptions to reporting periods (/reporting/periods): coordinators.</summary>
    public const string ManagePeriods = nameof(ManagePeriods);

    /// <summary>Which tasks report which indicators (/indicators): administrators and coordinators.</summary>
    public const string ManageIndicatorLinks = nameof(ManageIndicatorLinks);

    /// <summary>Importing plan files with the preview (/admin/plans/import): administrators; each draft only by its uploader.</summary>
    public const string ImportPlans = nameof(ImportPlans);

    /// <summary>Who has and has not reported (/reporting/status): administrators, coordinators and viewers.</summary>
    public const string ReadReportingStatus = nameof(ReadReportingStatus);

    /// <summary>Tasks' due dates, weights and planned-progress curves, indicators' baselines (/progress): coordinators.</summary>
    public const string PlanProgress = nameof(PlanProgress);

    public static AuthorizationBuilder AddEduPlanPolicies(this AuthorizationBuilder builder) => builder
        // Deny by default: an endpoint without its own policy still needs a signed-in user.
        .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
        .AddPolicy(SignedIn, policy => policy.RequireAuthenticatedUser())
        .AddPolicy(ReadPlans, policy => policy.RequireRole(Roles.All))
        .AddPolicy(ManageUsers, policy => policy.RequireRole(Roles.Administrator))
        .AddPolicy(ManageSecurity, policy => policy.RequireRole(Roles.SecurityAdministrator))
        .AddPolicy(ManageDepartments, policy => policy.RequireRole(Roles.Administrator))
        .AddPolicy(ManageOwnership, policy => policy.RequireRole(Roles.Administrator, Roles.Coordinator))
        .AddPolicy(ReadAudit, policy => policy.RequireRole(Roles.Auditor))
        .AddPolicy(ReportProgress, policy => policy.RequireRole(Roles.Reporter))
        .AddPolicy(ReviewReports, policy => policy.RequireRole(Roles.Coordinator))
        .AddPolicy(ManagePeriods, policy => policy.RequireRole(Roles.Coordinator))
        .AddPolicy(ManageIndicatorLinks, policy => policy.RequireRole(Roles.Administrator, Roles.Coordinator))
        .AddPolicy(ReadReportingStatus, policy => policy.RequireRole(Roles.Administrator, Roles.Coordinator, Roles.Viewer))
        .AddPolicy(ImportPlans, policy => policy.RequireRole(Roles.Administrator))
        .AddPolicy(PlanProgress, policy => policy.RequireRole(Roles.Coordinator));
}
