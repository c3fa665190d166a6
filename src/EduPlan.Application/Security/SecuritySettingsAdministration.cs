using EduPlan.Application.Auditing;
using EduPlan.Application.Reporting;
using EduPlan.Core.Auditing;
using EduPlan.Core.Messages;
using EduPlan.Core.Security;
using EduPlan.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EduPlan.Application.Security;

/// <summary>The security settings a security administrator edits in the portal (the upload limit in whole megabytes).</summary>
public sealed record SecuritySettingsValues(
    int PasswordMinLength,
    int PasswordRequiredCharacterKinds,
    int PasswordExpiryDays,
    int MaxFailedSignIns,
    int LockoutMinutes,
    int IdleTimeoutMinutes,
    int MaxEvidenceMegabytes);

/// <summary>The settings in force, the version a form must post back, and who saved them last (null: the configuration's).</summary>
public sealed record SecuritySettingsView(SecuritySettingsValues Values, int Version, DateTime? ChangedAt, string? ChangedByName, int PasswordMaxLength)
{
    public bool FromConfiguration => ChangedAt is null;
}

/// <summary>One setting's safe range: the portal refuses anything outside it (the configuration has wider limits, ADR 7).</summary>
public sealed record SettingBounds(string Field, int Min, int Max);

/// <summary>
/// Reads and saves the security settings (安全管理员 only, 三员分立): checked against safe bounds, saved with a
/// concurrency token, audited as SecuritySettingsChanged with every changed value's old and new value, and applied at
/// once to sign-in, lockout, password rules, sessions and uploads through <see cref="StoredSecuritySettings"/>.
/// </summary>
public sealed class SecuritySettingsAdministration(
    EduPlanDbContext db,
    AuditLog audit,
    TimeProvider clock,
    StoredSecuritySettings stored,
    IOptions<SecurityOptions> security,
    IOptions<ReportingOptions> reporting)
{
    public const long Megabyte = 1024 * 1024;

    /// <summary>The safe ranges, in the order the page lists the settings. Password length also stays within PasswordMaxLength.</summary>
    public static IReadOnlyList<SettingBounds> Bounds { get; } =
    [
        new(nameof(SecuritySettingsValues.PasswordMinLength), 8, 64),
        new(nameof(SecuritySettingsValues.PasswordRequiredCharacterKinds), 2, 4),
        new(nameof(SecuritySettingsValues.PasswordExpiryDays), 0, 365),
        new(nameof(SecuritySettingsValues.MaxFailedSignIns), 3, 10),
        new(nameof(SecuritySettingsValues.LockoutMinutes), 5, 1440),
        new(nameof(SecuritySettingsValues.IdleTimeoutMinutes), 5, 120),
        new(nameof(SecuritySettingsValues.MaxEvidenceMegabytes), 1, 10),
    ];

    public async Task<SecuritySettingsView> GetAsync(CancellationToken cancellationToken = default)
    {
        var row = await db.SecuritySettings.AsNoTracking().SingleOrDefaultAsync(cancellationToken);
        // Another instance may have saved since this one last looked.
        stored.Set(row);
        return View(row);
    }

    /// <summary>
    /// Saves <paramref name="values"/> when <paramref name="expectedVersion"/> is still the stored version (0: nothing
    /// saved yet); otherwise <see cref="ResultKind.Conflict"/> with what is stored now, and nothing is written.
    /// </summary>
    public async Task<Result<SecuritySettingsView>> SaveAsync(SecuritySettingsValues values, int expectedVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        var errors = Check(values);
        if (errors.Count > 0)
        {
            return Result<SecuritySettingsView>.Invalid(errors);
        }

        var row = await db.SecuritySettings.SingleOrDefaultAsync(cancellationToken);
        var before = View(row);
        if ((row?.Version ?? 0) != expectedVersion)
        {
            db.ChangeTracker.Clear();
            return Result<SecuritySettingsView>.Conflict(before, new Message("Settings_Conflict"));
        }

        var changes = Changes(before.Values, values);
        if (changes.Count == 0)
        {
            return Result<SecuritySettingsView>.Unchanged(before);
        }

        if (row is null)
        {
            row = new SecuritySettings();
            db.SecuritySettings.Add(row);
        }
        else
        {
            db.Entry(row).Property(s => s.Version).OriginalValue = expectedVersion;
        }

        row.PasswordMinLength = values.PasswordMinLength;
        row.PasswordRequiredCharacterKinds = values.PasswordRequiredCharacterKinds;
        row.PasswordExpiryDays = values.PasswordExpiryDays;
        row.MaxFailedSignIns = values.MaxFailedSignIns;
        row.LockoutMinutes = values.LockoutMinutes;
        row.IdleTimeoutMinutes = values.IdleTimeoutMinutes;
        row.MaxEvidenceBytes = values.MaxEvidenceMegabytes * Megabyte;
        row.Version = expectedVersion + 1;
        row.ChangedAt = clock.GetUtcNow().UtcDateTime;
        row.ChangedByName = audit.Actor.UserName;
        audit.Add(AuditActions.SecuritySettingsChanged, AuditOutcome.Success, AuditTarget.SecuritySettings,
            new { changes, version = row.Version, firstSave = expectedVersion == 0 });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Someone saved between the read and this write (a stale version, or the first row inserted twice).
            db.ChangeTracker.Clear();
            return Result<SecuritySettingsView>.Conflict(await GetAsync(cancellationToken), new Message("Settings_Conflict"));
        }

        stored.Set(row);
        return Result<SecuritySettingsView>.Saved(View(row));
    }

    private List<FieldError> Check(SecuritySettingsValues values)
    {
        var errors = new List<FieldError>();
        foreach (var bounds in Bounds)
        {
            var value = Value(values, bounds.Field);
            var max = bounds.Field == nameof(SecuritySettingsValues.PasswordMinLength)
                ? Math.Min(bounds.Max, security.Value.PasswordMaxLength)
                : bounds.Max;
            if (value < bounds.Min || value > max)
            {
                errors.Add(FieldError.Of(bounds.Field, "Settings_OutOfRange", new Message("Setting_" + bounds.Field), bounds.Min, max, value));
            }
        }

        return errors;
    }

    private static Dictionary<string, object> Changes(SecuritySettingsValues before, SecuritySettingsValues after) =>
        Bounds.Select(b => (b.Field, Before: Value(before, b.Field), After: Value(after, b.Field)))
            .Where(c => c.Before != c.After)
            .ToDictionary(c => c.Field, c => (object)new { before = c.Before, after = c.After });

    /// <summary>One setting's value by its field name (a name of <see cref="Bounds"/>).</summary>
    public static int Value(SecuritySettingsValues values, string field) => field switch
    {
        nameof(SecuritySettingsValues.PasswordMinLength) => values.PasswordMinLength,
        nameof(SecuritySettingsValues.PasswordRequiredCharacterKinds) => values.PasswordRequiredCharacterKinds,
        nameof(SecuritySettingsValues.PasswordExpiryDays) => values.PasswordExpiryDays,
        nameof(SecuritySettingsValues.MaxFailedSignIns) => values.MaxFailedSignIns,
        nameof(SecuritySettingsValues.LockoutMinutes) => values.LockoutMinutes,
        nameof(SecuritySettingsValues.IdleTimeoutMinutes) => values.IdleTimeoutMinutes,
        nameof(SecuritySettingsValues.MaxEvidenceMegabytes) => values.MaxEvidenceMegabytes,
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, null),
    };

    private SecuritySettingsView View(SecuritySettings? row)
    {
        if (row is not null)
        {
            return new SecuritySettingsView(
                new SecuritySettingsValues(row.PasswordMinLength, row.PasswordRequiredCharacterKinds, row.PasswordExpiryDays,
                    row.MaxFailedSignIns, row.LockoutMinutes, row.IdleTimeoutMinutes, (int)(row.MaxEvidenceBytes / Megabyte)),
                row.Version, row.ChangedAt, row.ChangedByName, security.Value.PasswordMaxLength);
        }

        // Nothing saved: the configuration's values (the overlay holds nothing to apply).
        var s = security.Value;
        return new SecuritySettingsView(
            new SecuritySettingsValues(s.PasswordMinLength, s.PasswordRequiredCharacterKinds, s.PasswordExpiryDays,
                s.MaxFailedSignIns, s.LockoutMinutes, s.IdleTimeoutMinutes, (int)Math.Max(1, reporting.Value.MaxEvidenceBytes / Megabyte)),
            0, null, null, s.PasswordMaxLength);
    }
}
