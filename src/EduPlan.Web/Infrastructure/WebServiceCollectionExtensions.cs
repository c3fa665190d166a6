using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using EduPlan.Application;
using EduPlan.Application.Auditing;
using EduPlan.Application.Security;
using EduPlan.Core.Auditing;
using EduPlan.Data;
using EduPlan.Data.Identity;
using EduPlan.Web.Authorization;
using EduPlan.Web.Features.Account;
using EduPlan.Web.Resources;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Razor;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.WebEncoders;

namespace EduPlan.Web.Infrastructure;

/// <summary>
/// Registers everything the portal needs: database, import, Identity with EduPlan's authentication rules, the sign-in
/// rate limit, forwarded headers, MVC with feature folders, localisation.
/// </summary>
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
        services.AddScoped<Microsoft.AspNetCore.Authorization.IAuthorizationHandler, TaskOwnershipAuthorizationHandler>();
        services.AddScoped<Microsoft.AspNetCore.Authorization.IAuthorizationHandler, PlanImportDraftAuthorizationHandler>();

        services.Configure<BootstrapOptions>(configuration.GetSection(BootstrapOptions.SectionName));
        services.Configure<SeedOptions>(configuration.GetSection(SeedOptions.SectionName));
        services.AddHostedService<DatabaseBootstrapper>();
        // After the bootstrapper: hosted services start in order, so the schema is there before the first check.
        services.AddHostedService<TimedJobsService>();
        services.AddHostedService<SecuritySettingsRefresher>();

        services.AddEduPlanIdentity(configuration);
        services.AddEduPlanSignInRateLimit();
        services.AddEduPlanReverseProxy(configuration);
        // HSTS only for HTTPS requests outside Development (see UseEduPlanPipeline); a year, as assessors expect.
        services.AddHsts(options => options.MaxAge = TimeSpan.FromDays(365));
        services.AddEduPlanMvc(configuration);

        services.AddHealthChecks().AddDbContextCheck<EduPlanDbContext>("database");
        // The read API: RFC 7807 errors and its OpenAPI document (/openapi/v1.json).
        services.AddProblemDetails();
        services.AddOpenApi();
        return services;
    }

    /// <summary>Secure whenever the request is HTTPS; always, when Security:RequireHttps is on.</summary>
    private static CookieSecurePolicy CookieSecurity(IConfiguration configuration) =>
        SecurityOptions.FromConfiguration(configuration).RequireHttps ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;

    private static void AddEduPlanIdentity(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddHttpsRedirection(options => options.HttpsPort = SecurityOptions.FromConfiguration(configuration).HttpsPort);
        // Security:* (password rules, lockout) applied to IdentityOptions; the same call the CLI makes.
        services.AddEduPlanSecurityOptions(configuration);
        services
            .AddIdentity<ApplicationUser, IdentityRole>()
            .AddEntityFrameworkStores<EduPlanDbContext>()
            .AddDefaultTokenProviders()
            .AddErrorDescriber<LocalizedIdentityErrorDescriber>()
            .AddEduPlanPasswordRules()
            .AddSignInManager<EduPlanSignInManager>()
            .AddClaimsPrincipalFactory<EduPlanClaimsPrincipalFactory>();
        services.AddScoped<SessionValidator>();

        services.ConfigureApplicationCookie(options =>
        {
            options.LoginPath = "/account/login";
            options.LogoutPath = "/account/logout";
            options.AccessDeniedPath = AccessDeniedPath;
            options.Cookie.Name = "EduPlan.Auth";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            // Secure whenever the request is HTTPS (behind a known proxy: whenever the client's request was).
            options.Cookie.SecurePolicy = CookieSecurity(configuration);
            // Every request restarts the idle limit (ExpireTimeSpan, below).
            options.SlidingExpiration = true;
            // Replaces Identity's SecurityStampValidator: one small query per request instead of a periodic rebuild.
            options.Events.OnValidatePrincipal = SessionValidator.ValidatePrincipalAsync;
            // The idle limit as the security administrator set it now (ExpireTimeSpan below is read once per process);
            // sliding renewals keep each cookie's own span.
            options.Events.OnSigningIn = context =>
            {
                var idle = context.HttpContext.RequestServices.GetRequiredService<IOptions<SecurityOptions>>().Value.IdleTimeoutMinutes;
                var issued = context.Properties.IssuedUtc ?? context.HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
                context.Properties.ExpiresUtc = issued.AddMinutes(idle);
                return Task.CompletedTask;
            };
            // Relative locations: the handler builds absolute ones from the request's Host header, which a client chooses.
            options.Events.OnRedirectToLogin = context => RedirectRelativeAsync(context, StatusCodes.Status401Unauthorized);
            options.Events.OnRedirectToLogout = context => RedirectRelativeAsync(context, StatusCodes.Status200OK);
            options.Events.OnRedirectToReturnUrl = context => RedirectRelativeAsync(context, StatusCodes.Status200OK);
            // Audited by RefusalAuditMiddleware, with every other refusal.
            options.Events.OnRedirectToAccessDenied = context => RedirectRelativeAsync(context, StatusCodes.Status403Forbidden);
        });
        // The handler times it with the app's TimeProvider, which the authentication builder gives every scheme from DI.
        services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
            .Configure<IOptions<SecurityOptions>>((options, security) =>
                options.ExpireTimeSpan = TimeSpan.FromMinutes(security.Value.IdleTimeoutMinutes));

        // Keys live in the database so that every instance behind a load balancer can read every cookie.
        var dataProtection = services.AddDataProtection()
            .SetApplicationName("EduPlan")
            .PersistKeysToDbContext<EduPlanDbContext>();
        // Keys that sign the cookies sit in the same database as everything else; with a certificate configured they
        // are stored encrypted, so a copy of the database or a backup alone cannot forge a sign-in (ADR 7).
        if (DataProtectionCertificate.Load(configuration) is { } certificate)
        {
            dataProtection.ProtectKeysWithCertificate(certificate);
        }

        // Failed sign-ins with a name no account has are audited as a keyed hash, its key protected by the ring above.
        services.AddSingleton<TypedNameHashes>();
        services.AddSingleton<RefusalAuditLimiter>();

        services.AddAuthorizationBuilder().AddEduPlanPolicies();
    }

    /// <summary>The page a signed-in user is sent to when a policy refuses them.</summary>
    public const string AccessDeniedPath = "/account/access-denied";

    /// <summary>Requests to the read API (<c>/api/…</c>), which answer with statuses and problem details rather than pages.</summary>
    public static bool IsApi(HttpRequest request) => request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The cookie handler's redirect with the scheme and host dropped; requests from scripts get the status and the
    /// Location header instead of a redirect, as the handler's default does.
    /// </summary>
    private static Task RedirectRelativeAsync(RedirectContext<CookieAuthenticationOptions> context, int statusForScripts)
    {
        if (IsApi(context.Request))
        {
            // The read API answers with a status (and problem details), not with a page to go to.
            context.Response.StatusCode = statusForScripts;
            return Task.CompletedTask;
        }

        var location = Uri.TryCreate(context.RedirectUri, UriKind.Absolute, out var absolute)
            ? absolute.PathAndQuery + absolute.Fragment
            : context.RedirectUri;
        if (string.Equals(context.Request.Headers.XRequestedWith, "XMLHttpRequest", StringComparison.Ordinal))
        {
            context.Response.Headers.Location = location;
            context.Response.StatusCode = statusForScripts;
        }
        else
        {
            context.Response.Redirect(location);
        }

        return Task.CompletedTask;
    }

    private static void AddEduPlanMvc(this IServiceCollection services, IConfiguration configuration)
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

        services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "EduPlan.Antiforgery";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.SecurePolicy = CookieSecurity(configuration);
        });

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
