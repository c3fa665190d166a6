using EduPlan.Data;
using EduPlan.Data.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EduPlan.Application.Security;

/// <summary>
/// Identity's user manager with lockouts timed by the app's <see cref="TimeProvider"/> instead of the system clock,
/// so a lockout starts and ends on the same clock as everything else (and tests can move it).
/// </summary>
public sealed class EduPlanUserManager(
    IUserStore<ApplicationUser> store,
    IOptions<IdentityOptions> optionsAccessor,
    IPasswordHasher<ApplicationUser> passwordHasher,
    IEnumerable<IUserValidator<ApplicationUser>> userValidators,
    IEnumerable<IPasswordValidator<ApplicationUser>> passwordValidators,
    ILookupNormalizer keyNormalizer,
    IdentityErrorDescriber errors,
    IServiceProvider services,
    ILogger<UserManager<ApplicationUser>> logger)
    : UserManager<ApplicationUser>(store, optionsAccessor, passwordHasher, userValidators, passwordValidators, keyNormalizer, errors, services, logger)
{
    private readonly TimeProvider clock = services.GetService<TimeProvider>() ?? TimeProvider.System;

    // The scope's context, which is the one the user store tracks the user in.
    private readonly EduPlanDbContext? db = services.GetService<EduPlanDbContext>();

    public override async Task<bool> IsLockedOutAsync(ApplicationUser user)
    {
        ThrowIfDisposed();
        ArgumentNullException.ThrowIfNull(user);
        if (!await GetLockoutEnabledAsync(user))
        {
            return false;
        }

        var lockoutEnd = await GetLockoutEndDateAsync(user);
        return lockoutEnd >= clock.GetUtcNow();
    }

    /// <summary>
    /// Counts a failed sign-in; the one that reaches the limit locks the account and starts the count again.
    /// Parallel failures for one account race on its concurrency stamp: the loser reloads and counts again, so
    /// every failure counts and none leaves a half-saved user behind (which would make the next save throw).
    /// </summary>
    public override async Task<IdentityResult> AccessFailedAsync(ApplicationUser user)
    {
        ThrowIfDisposed();
        ArgumentNullException.ThrowIfNull(user);
        var lockoutStore = Store as IUserLockoutStore<ApplicationUser>
            ?? throw new NotSupportedException("The user store does not support lockouts.");

        for (var attempt = 1; ; attempt++)
        {
            var count = await lockoutStore.IncrementAccessFailedCountAsync(user, CancellationToken);
            if (count >= Options.Lockout.MaxFailedAccessAttempts)
            {
                await lockoutStore.SetLockoutEndDateAsync(user, clock.GetUtcNow().Add(Options.Lockout.DefaultLockoutTimeSpan), CancellationToken);
                await lockoutStore.ResetAccessFailedCountAsync(user, CancellationToken);
            }

            var result = await UpdateUserAsync(user);
            if (result.Succeeded || attempt == MaxConcurrencyRetries
                || !result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.ConcurrencyFailure))
                || db is null)
            {
                return result;
            }

            await db.Entry(user).ReloadAsync(CancellationToken);
        }
    }

    private const int MaxConcurrencyRetries = 5;
}
