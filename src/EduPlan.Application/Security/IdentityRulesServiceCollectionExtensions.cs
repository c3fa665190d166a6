using EduPlan.Application.Reporting;
using EduPlan.Data;
using EduPlan.Data.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace EduPlan.Application.Security;

/// <summary>The Identity rules the web app and the CLI share, so a password the CLI accepts is one the portal accepts.</summary>
public static class IdentityRulesServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="SecurityOptions"/>, overlays the values the security administrator saved
    /// (<see cref="StoredSecuritySettings"/>) and applies them to <see cref="IdentityOptions"/> and the evidence size limit.
    /// </summary>
    public static IServiceCollection AddEduPlanSecurityOptions(this IServiceCollection services, IConfiguration configuration)
    {
        // Read and checked now, so a bad setting stops start-up with the key's name instead of failing a sign-in later.
        SecurityOptions.FromConfiguration(configuration);
        services.TryAddSingleton<StoredSecuritySettings>();
        services.AddOptions<SecurityOptions>()
            .Bind(configuration.GetSection(SecurityOptions.SectionName))
            .PostConfigure<StoredSecuritySettings>((options, stored) => stored.ApplyTo(options));
        services.AddOptions<IdentityOptions>()
            .Configure<IOptions<SecurityOptions>>((options, security) => ApplyTo(options, security.Value));
        // Bound from "Reporting" by AddEduPlanAdministration.
        services.AddOptions<ReportingOptions>()
            .PostConfigure<StoredSecuritySettings>((options, stored) => stored.ApplyTo(options));

        // Built again after each save instead of once per process (IOptions' default), so a changed lockout takes effect now.
        services.AddTransient<IOptions<SecurityOptions>, CurrentOptions<SecurityOptions>>();
        services.AddTransient<IOptions<IdentityOptions>, CurrentOptions<IdentityOptions>>();
        services.AddTransient<IOptions<ReportingOptions>, CurrentOptions<ReportingOptions>>();
        return services;
    }

    public static void ApplyTo(IdentityOptions options, SecurityOptions security)
    {
        options.Password.RequiredLength = security.PasswordMinLength;
        // Character kinds are counted by EduPlanPasswordValidator ("3 of 4"), which Identity cannot express.
        options.Password.RequireDigit = false;
        options.Password.RequireLowercase = false;
        options.Password.RequireUppercase = false;
        options.Password.RequireNonAlphanumeric = false;
        options.Password.RequiredUniqueChars = 1;
        options.Lockout.MaxFailedAccessAttempts = security.MaxFailedSignIns;
        options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(security.LockoutMinutes);
        options.Lockout.AllowedForNewUsers = true;
        options.User.RequireUniqueEmail = false;
    }

    /// <summary>
    /// Adds EduPlan's password validator, and the user manager that times lockouts by the app's
    /// <see cref="TimeProvider"/>, to an Identity builder.
    /// </summary>
    public static IdentityBuilder AddEduPlanPasswordRules(this IdentityBuilder builder)
    {
        builder.Services.AddScoped<IPasswordValidator<ApplicationUser>, EduPlanPasswordValidator>();
        builder.AddUserManager<EduPlanUserManager>();
        return builder;
    }

    /// <summary>
    /// Identity without cookies, for the CLI: user and role managers on EduPlan's database with the same rules as the portal.
    /// </summary>
    public static IServiceCollection AddEduPlanIdentityCore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddEduPlanSecurityOptions(configuration);
        services
            .AddIdentityCore<ApplicationUser>()
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<EduPlanDbContext>()
            .AddErrorDescriber<EduPlanIdentityErrorDescriber>()
            .AddEduPlanPasswordRules();
        return services;
    }
}
