namespace EduPlan.Application.Auditing;

/// <summary>The names of audited events, as stored in <see cref="AuditEntry.Action"/>.</summary>
public static class AuditActions
{
    public const string SignIn = "SignIn";
    public const string SignInFailed = "SignInFailed";
    public const string LockedOut = "LockedOut";
    public const string SignOut = "SignOut";
    public const string SessionExpired = "SessionExpired";
    public const string PasswordChanged = "PasswordChanged";
    public const string PasswordChangeFailed = "PasswordChangeFailed";
    public const string SignInRateLimited = "SignInRateLimited";

    public const string UserCreated = "UserCreated";
    public const string UserUpdated = "UserUpdated";
    public const string UserDisabled = "UserDisabled";
    public const string UserEnabled = "UserEnabled";
    public const string UserUnlocked = "UserUnlocked";
    public const string PasswordReset = "PasswordReset";

    /// <summary>The security administrator saved the security settings (each changed value's before and after).</summary>
    public const string SecuritySettingsChanged = "SecuritySettingsChanged";

    public const string DepartmentCreated = "DepartmentCreated";
    public const string DepartmentUpdated = "DepartmentUpdated";
    public const string DepartmentDeleted = "DepartmentDeleted";

    public const string OwnershipChanged = "OwnershipChanged";
    public const string OwnershipImported = "OwnershipImported";

    /// <summary>Plans imported from a file through the preview (/admin/plans/import).</summary>
    public const string PlansImported = "PlansImported";

    public const string ReportSubmitted = "ReportSubmitted";
    public const string ReportApproved = "ReportApproved";
    public const string ReportReturned = "ReportReturned";
    public const string ReportReopened = "ReportReopened";

    /// <summary>A report approved or returned by a member of its department or its submitter, as Reporting:AllowSelfReview allows.</summary>
    public const string ReportSelfReviewed = "ReportSelfReviewed";
    public const string PeriodClosed = "PeriodClosed";
    public const string PeriodReopened = "PeriodReopened";
    public const string PeriodReset = "PeriodReset";
    public const string PeriodExceptionGranted = "PeriodExceptionGranted";
    public const string PeriodExceptionRemoved = "PeriodExceptionRemoved";
    public const string IndicatorLinked = "IndicatorLinked";
    public const string IndicatorUnlinked = "IndicatorUnlinked";
    public const string TaskScheduleChanged = "TaskScheduleChanged";
    public const string TaskCurvesImported = "TaskCurvesImported";
    public const string IndicatorBaselineChanged = "IndicatorBaselineChanged";
    public const string ReadModelRebuilt = "ReadModelRebuilt";

    public const string AccessDenied = "AccessDenied";
    public const string AuditExported = "AuditExported";

    /// <summary>Every action, for the audit page's filter.</summary>
    public static readonly IReadOnlyList<string> All =
    [
        SignIn, SignInFailed, LockedOut, SignOut, SessionExpired, PasswordChanged, PasswordChangeFailed, SignInRateLimited,
        UserCreated, UserUpdated, UserDisabled, UserEnabled, UserUnlocked, PasswordReset, SecuritySettingsChanged,
        DepartmentCreated, DepartmentUpdated, DepartmentDeleted,
        OwnershipChanged, OwnershipImported, PlansImported,
        ReportSubmitted, ReportApproved, ReportReturned, ReportReopened, ReportSelfReviewed,
        PeriodClosed, PeriodReopened, PeriodReset, PeriodExceptionGranted, PeriodExceptionRemoved,
        IndicatorLinked, IndicatorUnlinked,
        TaskScheduleChanged, TaskCurvesImported, IndicatorBaselineChanged, ReadModelRebuilt,
        AccessDenied, AuditExported,
    ];
}
