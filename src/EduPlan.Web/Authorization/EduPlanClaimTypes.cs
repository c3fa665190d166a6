namespace EduPlan.Web.Authorization;

/// <summary>Claim types EduPlan adds to the sign-in cookie.</summary>
public static class EduPlanClaimTypes
{
    public const string DisplayName = "eduplan:display_name";

    /// <summary>Present (value "true") while the user still has to replace a one-time password.</summary>
    public const string MustChangePassword = "eduplan:must_change_password";
}
