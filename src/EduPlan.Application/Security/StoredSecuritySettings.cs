using EduPlan.Application.Reporting;
using EduPlan.Core.Security;
using EduPlan.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EduPlan.Application.Security;

/// <summary>
/// The security settings saved in the database (<see cref="SecuritySettings"/>), kept in memory for the options that
/// read them: <see cref="SecurityOptions"/>, <see cref="IdentityOptions"/> (lockout, password length) and
/// <see cref="ReportingOptions.MaxEvidenceBytes"/>. Null while nothing is saved: the configuration's values apply.
/// The web app loads it at start-up, after each save and every <see cref="RefreshInterval"/> (another instance may
/// have saved); the CLI when it opens the database.
/// </summary>
public sealed class StoredSecuritySettings
{
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(30);

    private readonly Lock gate = new();
    private volatile Holder current = new(null, 0);

    /// <summary>The saved settings, or null when none are saved (or not read yet).</summary>
    public SecuritySettings? Current => current.Settings;

    /// <summary>Changes whenever <see cref="Current"/> does, so options built from it know to be built again.</summary>
    public int Generation => current.Generation;

    public async Task ReloadAsync(EduPlanDbContext db, CancellationToken cancellationToken = default)
    {
        var row = await db.SecuritySettings.AsNoTracking().SingleOrDefaultAsync(cancellationToken);
        Set(row);
    }

    /// <summary>Takes a row just saved or read; the same version as the one held changes nothing.</summary>
    public void Set(SecuritySettings? row)
    {
        lock (gate)
        {
            if (current.Settings?.Version == row?.Version)
            {
                return;
            }

            current = new Holder(Copy(row), current.Generation + 1);
        }
    }

    /// <summary>Overlays the saved values on the configuration's.</summary>
    public void ApplyTo(SecurityOptions options)
    {
        if (Current is { } saved)
        {
            options.PasswordMinLength = saved.PasswordMinLength;
            options.PasswordRequiredCharacterKinds = saved.PasswordRequiredCharacterKinds;
            options.PasswordExpiryDays = saved.PasswordExpiryDays;
            options.MaxFailedSignIns = saved.MaxFailedSignIns;
            options.LockoutMinutes = saved.LockoutMinutes;
            options.IdleTimeoutMinutes = saved.IdleTimeoutMinutes;
        }
    }

    public void ApplyTo(ReportingOptions options)
    {
        if (Current is { } saved)
        {
            options.MaxEvidenceBytes = saved.MaxEvidenceBytes;
        }
    }

    private static SecuritySettings? Copy(SecuritySettings? row) => row is null ? null : new SecuritySettings
    {
        Id = row.Id,
        PasswordMinLength = row.PasswordMinLength,
        PasswordRequiredCharacterKinds = row.PasswordRequiredCharacterKinds,
        PasswordExpiryDays = row.PasswordExpiryDays,
        MaxFailedSignIns = row.MaxFailedSignIns,
        LockoutMinutes = row.LockoutMinutes,
        IdleTimeoutMinutes = row.IdleTimeoutMinutes,
        MaxEvidenceBytes = row.MaxEvidenceBytes,
        Version = row.Version,
        ChangedAt = row.ChangedAt,
        ChangedByName = row.ChangedByName,
    };

    private sealed record Holder(SecuritySettings? Settings, int Generation);
}

/// <summary>
/// <see cref="IOptions{TOptions}"/> built again whenever <see cref="StoredSecuritySettings"/> changes, instead of
/// once per process: every reader of <c>IOptions&lt;SecurityOptions&gt;</c>, <c>IOptions&lt;IdentityOptions&gt;</c> and
/// <c>IOptions&lt;ReportingOptions&gt;</c> sees the values the security administrator saved.
/// </summary>
public sealed class CurrentOptions<TOptions>(IOptionsFactory<TOptions> factory, StoredSecuritySettings stored) : IOptions<TOptions>
    where TOptions : class
{
    private Built? built;

    public TOptions Value
    {
        get
        {
            var generation = stored.Generation;
            var b = built;
            if (b is null || b.Generation != generation)
            {
                built = b = new Built(generation, factory.Create(Options.DefaultName));
            }

            return b.Value;
        }
    }

    private sealed record Built(int Generation, TOptions Value);
}
