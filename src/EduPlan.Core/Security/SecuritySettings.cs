namespace EduPlan.Core.Security;

/// <summary>
/// The security settings the security administrator (安全管理员) changed in the portal: one row, or none while the
/// configuration's values (<c>Security:*</c>, <c>Reporting:MaxEvidenceBytes</c>) apply. A saved row holds every value.
/// </summary>
public class SecuritySettings
{
    /// <summary>The one row's key.</summary>
    public const int SingletonId = 1;

    public int Id { get; set; } = SingletonId;

    public int PasswordMinLength { get; set; }

    public int PasswordRequiredCharacterKinds { get; set; }

    /// <summary>0 turns expiry off.</summary>
    public int PasswordExpiryDays { get; set; }

    public int MaxFailedSignIns { get; set; }

    public int LockoutMinutes { get; set; }

    public int IdleTimeoutMinutes { get; set; }

    public long MaxEvidenceBytes { get; set; }

    /// <summary>Concurrency token, raised by one on every save.</summary>
    public int Version { get; set; }

    public DateTime ChangedAt { get; set; }

    public string ChangedByName { get; set; } = "";
}
