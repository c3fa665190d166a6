using System.Globalization;
using EduPlan.Data.Identity;
using Microsoft.AspNetCore.Identity;

namespace EduPlan.Web.Infrastructure;

/// <summary>
/// Checks Bootstrap:AdminPassword and Bootstrap:SecurityAdminPassword against the password rules (Identity's and
/// EduPlan's, as configured) before start-up writes anything, so a refused password stops it with one line that names
/// the rule, instead of failing after the plans were imported but before the administrator exists.
/// </summary>
public static class BootstrapPasswords
{
    /// <summary>Throws <see cref="StartupConfigurationException"/> naming the first setting whose password breaks a rule.</summary>
    public static async Task CheckAsync(UserManager<ApplicationUser> userManager, BootstrapOptions options)
    {
        ArgumentNullException.ThrowIfNull(userManager);
        ArgumentNullException.ThrowIfNull(options);
        await CheckAsync(userManager, "Bootstrap:AdminPassword", DatabaseBootstrapper.AdminUserName, DatabaseBootstrapper.AdminDisplayName, options.AdminPassword);
        await CheckAsync(userManager, "Bootstrap:SecurityAdminPassword", DatabaseBootstrapper.SecurityAdminUserName, DatabaseBootstrapper.SecurityAdminDisplayName, options.SecurityAdminPassword);
    }

    private static async Task CheckAsync(UserManager<ApplicationUser> userManager, string setting, string userName, string displayName, string? password)
    {
        if (string.IsNullOrEmpty(password))
        {
            return;
        }

        // The account as start-up would create it, so the rules on user and display names apply too.
        var account = new ApplicationUser { UserName = userName, DisplayName = displayName };
        var chinese = await BrokenRulesAsync(userManager, account, password, "zh-CN");
        if (chinese is null)
        {
            return;
        }

        var english = await BrokenRulesAsync(userManager, account, password, "en");
        throw new StartupConfigurationException($"{setting} 不符合密码规则：{chinese} / {setting} breaks a password rule: {english}");
    }

    /// <summary>The rules the password breaks, described in <paramref name="culture"/>; null when it breaks none.</summary>
    private static async Task<string?> BrokenRulesAsync(UserManager<ApplicationUser> userManager, ApplicationUser account, string password, string culture)
    {
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        try
        {
            var errors = new List<string>();
            foreach (var validator in userManager.PasswordValidators)
            {
                var result = await validator.ValidateAsync(userManager, account, password);
                errors.AddRange(result.Errors.Select(e => e.Description));
            }

            return errors.Count == 0 ? null : string.Join(culture == "en" ? " " : "；", errors.Distinct());
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }
}
