namespace EduPlan.Web.Authorization;

/// <summary>Claim types EduPlan adds to the sign-in cookie.</summary>
public static class EduPlanClaimTypes
{
    public const string DisplayName = "eduplan:display_name";

    /// <summary>Present (value "true") while the user still has to replace a one-time password.</summary>
    public const string MustChangePassword = "eduplan:must_change_password";

    /// <summary>
    /// The user's department id (invariant integer); absent for a user without a department. Never stale: changing a
    /// user's department changes their security stamp, which ends the session that carries the old value.
    /// </summary>
    public const string DepartmentId = "eduplan:department_id";

    /// <summary>
    /// When the user typed their password (UTC, Unix milliseconds). Copied into every re-issued cookie, so the
    /// absolute session limit counts from the original sign-in, not from a password change.
    /// </summary>
    public const string SignedInAt = "eduplan:signed_in_at";
}
