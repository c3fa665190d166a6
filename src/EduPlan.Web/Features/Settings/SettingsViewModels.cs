using System.Globalization;
using EduPlan.Application.Security;

namespace EduPlan.Web.Features.Settings;

/// <summary>One security setting: its label key, value and the configuration key that changes it.</summary>
public sealed record SettingRow(string LabelKey, string Value, string ConfigurationKey)
{
    /// <summary>The environment variable form of <see cref="ConfigurationKey"/> ("Security__PasswordMinLength").</summary>
    public string EnvironmentVariable => ConfigurationKey.Replace(":", "__", StringComparison.Ordinal);
}

/// <summary>The settings page.</summary>
public sealed record SettingsViewModel(IReadOnlyList<SettingRow> Security)
{
    public static SettingsViewModel From(SecurityOptions options)
    {
        SettingRow Row(string name, int value) => new(
            "Setting" + name,
            value.ToString(CultureInfo.InvariantCulture),
            SecurityOptions.SectionName + ":" + name);

        return new SettingsViewModel(
        [
            Row(nameof(SecurityOptions.PasswordMinLength), options.PasswordMinLength),
            Row(nameof(SecurityOptions.PasswordMaxLength), options.PasswordMaxLength),
            Row(nameof(SecurityOptions.PasswordRequiredCharacterKinds), options.PasswordRequiredCharacterKinds),
            Row(nameof(SecurityOptions.PasswordExpiryDays), options.PasswordExpiryDays),
            Row(nameof(SecurityOptions.MaxFailedSignIns), options.MaxFailedSignIns),
            Row(nameof(SecurityOptions.LockoutMinutes), options.LockoutMinutes),
            Row(nameof(SecurityOptions.IdleTimeoutMinutes), options.IdleTimeoutMinutes),
            Row(nameof(SecurityOptions.AbsoluteTimeoutHours), options.AbsoluteTimeoutHours),
            Row(nameof(SecurityOptions.SignInAttemptsPerMinute), options.SignInAttemptsPerMinute),
        ]);
    }
}
