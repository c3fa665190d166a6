using Microsoft.Extensions.Configuration;

namespace EduPlan.Application.Security;

/// <summary>
/// The authentication rules (configuration section "Security"), shared by the web app and the CLI.
/// Defaults follow the 等级保护2.0 / OWASP ASVS choices in docs/adr/0007-authentication-rules.md.
/// </summary>
public sealed class SecurityOptions
{
    public const string SectionName = "Security";

    public int PasswordMinLength { get; set; } = 12;

    /// <summary>Longest password accepted; every character up to it counts (nothing is cut off).</summary>
    public int PasswordMaxLength { get; set; } = 128;

    /// <summary>How many of the four kinds (upper case, lower case, digits, symbols) a password needs.</summary>
    public int PasswordRequiredCharacterKinds { get; set; } = 3;

    /// <summary>Days a password lasts before its owner must change it; 0 turns expiry off.</summary>
    public int PasswordExpiryDays { get; set; } = 90;

    public int MaxFailedSignIns { get; set; } = 5;

    public int LockoutMinutes { get; set; } = 15;

    /// <summary>A session ends after this long without a request.</summary>
    public int IdleTimeoutMinutes { get; set; } = 30;

    /// <summary>A session ends this long after sign-in, however busy.</summary>
    public int AbsoluteTimeoutHours { get; set; } = 12;

    /// <summary>Sign-in attempts allowed per client address per minute (a whole office may share one address).</summary>
    public int SignInAttemptsPerMinute { get; set; } = 30;

    /// <summary>Refused requests audited per user (per address when anonymous) in a minute; more are answered but not written.</summary>
    public int RefusalAuditsPerMinute { get; set; } = 20;

    /// <summary>
    /// Redirects plain-HTTP requests to HTTPS and marks every cookie Secure. Off by default so that a first
    /// <c>dotnet run</c> works; turn it on for any real deployment (等级保护: 通信传输 must be protected).
    /// </summary>
    public bool RequireHttps { get; set; }

    /// <summary>
    /// 三员分立: nobody holds two of Administrator, Security Administrator and Auditor, nor one of them with Coordinator
    /// or Reporter. Configuration only (the security administrator cannot turn it off from the portal).
    /// </summary>
    public bool SeparateDuties { get; set; } = true;

    /// <summary>The HTTPS port plain-HTTP requests are redirected to when <see cref="RequireHttps"/> is on.</summary>
    public int HttpsPort { get; set; } = 443;

    public static SecurityOptions FromConfiguration(IConfiguration configuration)
    {
        var options = new SecurityOptions();
        configuration.GetSection(SectionName).Bind(options);
        options.Validate();
        return options;
    }

    /// <summary>Refuses settings that would weaken the rules past sense, naming the key.</summary>
    public void Validate()
    {
        Require(PasswordMinLength is >= 8 and <= 128, nameof(PasswordMinLength), "8..128");
        Require(PasswordMaxLength >= PasswordMinLength && PasswordMaxLength <= 1024, nameof(PasswordMaxLength), $"{PasswordMinLength}..1024");
        Require(PasswordRequiredCharacterKinds is >= 1 and <= 4, nameof(PasswordRequiredCharacterKinds), "1..4");
        Require(PasswordExpiryDays >= 0, nameof(PasswordExpiryDays), ">= 0");
        Require(MaxFailedSignIns is >= 1 and <= 100, nameof(MaxFailedSignIns), "1..100");
        Require(LockoutMinutes >= 1, nameof(LockoutMinutes), ">= 1");
        Require(IdleTimeoutMinutes >= 1, nameof(IdleTimeoutMinutes), ">= 1");
        Require(AbsoluteTimeoutHours >= 1, nameof(AbsoluteTimeoutHours), ">= 1");
        Require(SignInAttemptsPerMinute >= 1, nameof(SignInAttemptsPerMinute), ">= 1");
    }

    private static void Require(bool ok, string key, string range)
    {
        if (!ok)
        {
            throw new InvalidOperationException($"Configuration {SectionName}:{key} must be {range}.");
        }
    }
}
