using EduPlan.Application.Security;
using EduPlan.Core.Messages;

namespace EduPlan.Application.Tests.Security;

/// <summary>The security settings the portal edits: named in both languages, within ranges no weaker than the defaults.</summary>
public sealed class SecuritySettingsBoundsTests
{
    [Fact]
    public void Every_editable_setting_has_a_Chinese_and_an_English_name()
    {
        foreach (var bounds in SecuritySettingsAdministration.Bounds)
        {
            MessageTexts.Template("Setting_" + bounds.Field, MessageTexts.Chinese).Should().NotBeNullOrEmpty(bounds.Field);
            MessageTexts.Template("Setting_" + bounds.Field, MessageTexts.English).Should().NotBeNullOrEmpty(bounds.Field);
        }
    }

    [Fact]
    public void The_defaults_lie_within_the_safe_ranges()
    {
        var defaults = new SecurityOptions();
        var values = new SecuritySettingsValues(defaults.PasswordMinLength, defaults.PasswordRequiredCharacterKinds, defaults.PasswordExpiryDays,
            defaults.MaxFailedSignIns, defaults.LockoutMinutes, defaults.IdleTimeoutMinutes, 10);
        foreach (var bounds in SecuritySettingsAdministration.Bounds)
        {
            SecuritySettingsAdministration.Value(values, bounds.Field).Should().BeInRange(bounds.Min, bounds.Max, bounds.Field);
        }

        SecuritySettingsAdministration.Bounds.Single(b => b.Field == nameof(SecuritySettingsValues.MaxFailedSignIns))
            .Should().Be(new SettingBounds(nameof(SecuritySettingsValues.MaxFailedSignIns), 3, 10));
        SecuritySettingsAdministration.Bounds.Single(b => b.Field == nameof(SecuritySettingsValues.PasswordMinLength))
            .Should().Be(new SettingBounds(nameof(SecuritySettingsValues.PasswordMinLength), 8, 64));
    }
}
