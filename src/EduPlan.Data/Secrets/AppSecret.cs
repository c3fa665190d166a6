namespace EduPlan.Data.Secrets;

/// <summary>
/// A key the portal generates for itself and keeps beside its Data Protection keys, stored protected by them (so
/// encrypted when a certificate protects the key ring): today only the key of the audit log's typed-name hashes.
/// </summary>
public sealed class AppSecret
{
    public const int MaxNameLength = 64;

    /// <summary>What the key is for ("audit-typed-names"); the primary key.</summary>
    public string Name { get; set; } = "";

    /// <summary>The key as <c>IDataProtector.Protect</c> gave it, in base64.</summary>
    public string ProtectedValue { get; set; } = "";

    public DateTime CreatedAt { get; set; }
}
