using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using EduPlan.Data;
using EduPlan.Data.Auditing;
using EduPlan.Data.Identity;
using EduPlan.Data.Security;
using EduPlan.Web.Authorization;
using EduPlan.Web.Features.Account;
using EduPlan.Web.Resources;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Razor;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.WebEncoders;

namespace EduPlan.Web.Infrastructure;

/// <summary>Registers everything the portal needs: database, import, Identity, MVC with feature folders, localisation.</summary>
public static class WebServiceCollectionExtensions
{
    public static readonly CultureInfo[] SupportedCultures = [new("zh-CN"), new("en")];

    public static IServiceCollection AddEduPlanWeb(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddEduPlanDatabase(configuration);
        services.AddEduPlanImport();
        services.AddHttpContextAccessor();
        services.AddScoped<IAuditActor, HttpAuditActor>();
        services.AddEduPlanAdministration();

        services.Configure<BootstrapOptions>(configuration.GetSection(BootstrapOptions.SectionName));
        services.Configure<SeedOptions>(configuration.GetSection(SeedOptions.SectionName));
        services.AddHostedService<DatabaseBootstrapper>();

        services.AddEduPlanIdentity();
        services.AddEduPlanMvc();

        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        return services;
    }

    private static void AddEduPlanIdentity(this IServiceCollection services)
    {
        services
            .AddIdentity<ApplicationUser, IdentityRole>(options =>
            {
                options.Password.RequiredLength = 12;
                options.Password.RequireDigit = true;
                options.Password.RequireLowercase = true;
                options.Password.RequireUppercase = true;
                options.Password.RequireNonAlphanumeric = false;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                options.Lockout.AllowedForNewUsers = true;
                options.User.RequireUniqueEmail = false;
            })
            .AddEntityFrameworkStores<EduPlanDbContext>()
            .AddDefaultTokenProviders()
            .AddErrorDescriber<LocalizedIdentityErrorDescriber>()
            .AddClaimsPrincipalFactory<EduPlanClaimsPrincipalFactory>();

        services.ConfigureApplicationCookie(options =>
        {
            options.LoginPath = "/account/login";
            options.LogoutPath = "/account/logout";
            options.AccessDeniedPath = "/account/access-denied";
            options.Cookie.Name = "EduPlan.Auth";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.ExpireTimeSpan = TimeSpan.FromMinutes(30);
            options.SlidingExpiration = true;
        });

        // Keys live in the database so that every instance behind a load balancer can read every cookie.
        services.AddDataProtection()
            .SetApplicationName("EduPlan")
            .PersistKeysToDbContext<EduPlanDbContext>();

        services.AddAuthorizationBuilder().AddEduPlanPolicies();
    }

    private static void AddEduPlanMvc(this IServiceCollection services)
    {
        // Chinese text is written as is instead of as &#x...; entities: smaller pages, readable source.
        services.Configure<WebEncoderOptions>(options => options.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));

        // No ResourcesPath: SharedResources' namespace already names the folder (see the class).
        services.AddLocalization();
        services.Configure<RequestLocalizationOptions>(options =>
        {
            options.DefaultRequestCulture = new RequestCulture("zh-CN");
            options.SupportedCultures = SupportedCultures;
            options.SupportedUICultures = SupportedCultures;
            // Officials read Chinese whatever their browser says; English only on request (?culture=en or the cookie).
            options.RequestCultureProviders =
            [
                new QueryStringRequestCultureProvider(),
                new CookieRequestCultureProvider(),
            ];
        });

        services.AddAntiforgery(options => options.Cookie.Name = "EduPlan.Antiforgery");

        services
            .AddControllersWithViews(options =>
            {
                options.Filters.Add(new AutoValidateAntiforgeryTokenAttribute());
            })
            .AddViewLocalization()
            .AddDataAnnotationsLocalization(options =>
                options.DataAnnotationLocalizerProvider = (_, factory) => factory.Create(typeof(SharedResources)))
            .AddRazorOptions(options =>
            {
                // Feature folders: a feature's controller, views and view models sit together.
                options.ViewLocationFormats.Clear();
                options.ViewLocationFormats.Add("/Features/{1}/{0}" + RazorViewEngine.ViewExtension);
                options.ViewLocationFormats.Add("/Features/Shared/{0}" + RazorViewEngine.ViewExtension);
            });

        services.AddOptions<MvcOptions>()
            .Configure<IStringLocalizerFactory>((options, factory) =>
                ModelBindingMessages.Localize(options.ModelBindingMessageProvider, factory.Create(typeof(SharedResources))));
    }
}
