using System.ComponentModel.DataAnnotations;
using System.Globalization;
using EduPlan.Application.Security;

namespace EduPlan.Web.Features.Settings;

/// <summary>One setting that only the configuration changes: its label key, value and configuration key.</summary>
public sealed record SettingRow(string LabelKey, string Value, string ConfigurationKey)
{
    /// <summary>The environment variable form of <see cref="ConfigurationKey"/> ("Security__PasswordMaxLength").</summary>
    public string EnvironmentVariable => ConfigurationKey.Replace(":", "__", StringComparison.Ordinal);
}

/// <summary>The settings form's fields (the allow-list of what the POST binds) and the version it was read with.</summary>
public sealed class SettingsInput
{
    [Required(ErrorMessage = "SettingsValueRequired")]
    [Display(Name = "SettingPasswordMinLength")]
    public int? PasswordMinLength { get; set; }

    [Required(ErrorMessage = "SettingsValueRequired")]
    [Display(Name = "SettingPasswordRequiredCharacterKinds")]
    public int? PasswordRequiredCharacterKinds { get; set; }

    [Required(ErrorMessage = "SettingsValueRequired")]
    [Display(Name = "SettingPasswordExpiryDays")]
    public int? PasswordExpiryDays { get; set; }

    [Required(ErrorMessage = "SettingsValueRequired")]
    [Display(Name = "SettingMaxFailedSignIns")]
    public int? MaxFailedSignIns { get; set; }

    [Required(ErrorMessage = "SettingsValueRequired")]
    [Display(Name = "SettingLockoutMinutes")]
    public int? LockoutMinutes { get; set; }

    [Required(ErrorMessage = "SettingsValueRequired")]
    [Display(Name = "SettingIdleTimeoutMinutes")]
    public int? IdleTimeoutMinutes { get; set; }

    [Required(ErrorMessage = "SettingsValueRequired")]
    [Display(Name = "SettingMaxEvidenceMegabytes")]
    public int? MaxEvidenceMegabytes { get; set; }

    public int Version { get; set; }

    public static SettingsInput From(SecuritySettingsView view) => new()
    {
        PasswordMinLength = view.Values.PasswordMinLength,
        PasswordRequiredCharacterKinds = view.Values.PasswordRequiredCharacterKinds,
        PasswordExpiryDays = view.Values.PasswordExpiryDays,
        MaxFailedSignIns = view.Values.MaxFailedSignIns,
        LockoutMinutes = view.Values.LockoutMinutes,
        IdleTimeoutMinutes = view.Values.IdleTimeoutMinutes,
        MaxEvidenceMegabytes = view.Values.MaxEvidenceMegabytes,
        Version = view.Version,
    };

    public SecuritySettingsValues ToValues() => new(
        PasswordMinLength!.Value, PasswordRequiredCharacterKinds!.Value, PasswordExpiryDays!.Value,
        MaxFailedSignIns!.Value, LockoutMinutes!.Value, IdleTimeoutMinutes!.Value, MaxEvidenceMegabytes!.Value);
}

/// <summary>The settings page: the form, what is stored now, and the settings only the configuration changes.</summary>
public sealed class SettingsViewModel(SecuritySettingsView current, SettingsInput input, SecurityOptions options)
{
    public SecuritySettingsView Current { get; } = current;

    public SettingsInput Input { get; } = input;

    /// <summary>After a conflict: the stored values are shown beside the typed ones.</summary>
    public bool Conflict { get; set; }

    public string? Message { get; set; }

    /// <summary>The editable settings with their safe ranges, in page order.</summary>
    public IReadOnlyList<SettingBounds> Editable => SecuritySettingsAdministration.Bounds;

    public int MaxFor(SettingBounds bounds) => bounds.Field == nameof(SecuritySettingsValues.PasswordMinLength)
        ? Math.Min(bounds.Max, Current.PasswordMaxLength)
        : bounds.Max;

    /// <summary>The settings that stay in the configuration (they need a restart, or are too dangerous to change from a browser).</summary>
    public IReadOnlyList<SettingRow> FromConfiguration { get; } =
    [
        Row(nameof(SecurityOptions.PasswordMaxLength), options.PasswordMaxLength.ToString(CultureInfo.InvariantCulture)),
        Row(nameof(SecurityOptions.AbsoluteTimeoutHours), options.AbsoluteTimeoutHours.ToString(CultureInfo.InvariantCulture)),
        Row(nameof(SecurityOptions.SignInAttemptsPerMinute), options.SignInAttemptsPerMinute.ToString(CultureInfo.InvariantCulture)),
        Row(nameof(SecurityOptions.SeparateDuties), options.SeparateDuties ? "true" : "false"),
    ];

    public int? Typed(string field) => field switch
    {
        nameof(SecuritySettingsValues.PasswordMinLength) => Input.PasswordMinLength,
        nameof(SecuritySettingsValues.PasswordRequiredCharacterKinds) => Input.PasswordRequiredCharacterKinds,
        nameof(SecuritySettingsValues.PasswordExpiryDays) => Input.PasswordExpiryDays,
        nameof(SecuritySettingsValues.MaxFailedSignIns) => Input.MaxFailedSignIns,
        nameof(SecuritySettingsValues.LockoutMinutes) => Input.LockoutMinutes,
        nameof(SecuritySettingsValues.IdleTimeoutMinutes) => Input.IdleTimeoutMinutes,
        _ => Input.MaxEvidenceMegabytes,
    };

    private static SettingRow Row(string name, string value) => new("Setting" + name, value, SecurityOptions.SectionName + ":" + name);
}
