using EduPlan.Application.Auditing;
using EduPlan.Application.Departments;
using EduPlan.Application.Security;
using EduPlan.Core.Auditing;
using EduPlan.Core.Messages;
using EduPlan.Core.Text;
using EduPlan.Data;
using EduPlan.Data.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EduPlan.Application.Users;

/// <summary>
/// The user commands shared by /admin/users and the CLI: create, edit, disable, enable, unlock and reset a password
/// (reading users is <see cref="UserQueries"/>'). Every command checks EduPlan's rules, answers with a
/// <see cref="Result{T}"/> of <see cref="UserChange"/> whose errors are keyed by field (<see cref="UserFields"/>), and
/// writes its audit entry in the same SaveChanges as the change itself.
/// The acting user is <see cref="AuditLog.Actor"/> (null id on the command line, where the self-protection rules do not apply).
/// </summary>
/// <remarks>
/// Scoped, one command per instance is the intended use: after a refused save the DbContext's change tracker is
/// cleared so that nothing half-staged can be saved later by someone else's SaveChanges.
/// </remarks>
public sealed class UserAdministration(
    UserQueries queries,
    UserManager<ApplicationUser> users,
    RoleManager<IdentityRole> roleManager,
    EduPlanDbContext db,
    AuditLog audit,
    TimeProvider clock,
    IOptions<SecurityOptions> options)
{
    /// <summary>Creates any role of <see cref="Roles.All"/> missing from the database; returns the names created.</summary>
    public async Task<IReadOnlyList<string>> EnsureRolesAsync(CancellationToken cancellationToken = default)
    {
        var created = new List<string>();
        foreach (var role in Roles.All)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (await roleManager.RoleExistsAsync(role))
            {
                continue;
            }

            var result = await roleManager.CreateAsync(new IdentityRole(role));
            // A second process may have created it meanwhile; only a role that still does not exist is an error.
            if (!result.Succeeded && !await roleManager.RoleExistsAsync(role))
            {
                throw new InvalidOperationException($"Could not create role {role}: {string.Join("; ", result.Errors.Select(e => e.Code))}");
            }

            created.Add(role);
        }

        return created;
    }

    /// <summary>
    /// Creates a user. Without <see cref="NewUser.Password"/> a one-time password is generated and returned in
    /// <see cref="UserChange.OneTimePassword"/>; either way the user must change it at first sign-in unless
    /// <see cref="NewUser.RequirePasswordChange"/> is false. Audited as UserCreated.
    /// </summary>
    public async Task<Result<UserChange>> CreateAsync(NewUser newUser, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(newUser);
        var rules = options.Value;
        var userName = TextSanitiser.Name(newUser.UserName);
        var displayName = TextSanitiser.Name(newUser.DisplayName);
        var phone = UserRules.Optional(newUser.Phone);
        var email = UserRules.Optional(newUser.Email);
        var errors = new List<FieldError>();

        UserRules.CheckUserName(userName, errors);
        if (!errors.Any(e => e.Field == UserFields.UserName) && await queries.FindIdByUserNameAsync(userName, cancellationToken) is not null)
        {
            errors.Add(FieldError.Of(UserFields.UserName, "User_NameTaken", userName));
        }

        UserRules.CheckDisplayName(displayName, errors);
        var roles = UserRules.CheckRoles(newUser.Roles, errors, rules.SeparateDuties);
        CheckAuditorRoleFromWeb(roles, errors);
        var department = await CheckDepartmentAsync(newUser.DepartmentId, currentDepartmentId: null, roles, errors, cancellationToken);
        UserRules.CheckPhone(phone, errors);
        UserRules.CheckEmail(email, errors);
        if (errors.Count > 0)
        {
            await AuditRefusedRolesAsync(AuditActions.UserCreated, new AuditTarget("User", null, userName), newUser.Roles, errors, cancellationToken);
            return Result<UserChange>.Invalid(errors);
        }

        var generated = string.IsNullOrEmpty(newUser.Password);
        var password = generated ? OneTimePasswords.Generate(rules, userName) : newUser.Password!;
        var now = clock.GetUtcNow();
        var user = new ApplicationUser
        {
            UserName = userName,
            DisplayName = displayName,
            DepartmentId = department?.Id,
            PhoneNumber = phone,
            Email = email,
            MustChangePassword = newUser.RequirePasswordChange,
            // A password someone else chose has not been "changed" by its owner yet; expiry starts when they choose one.
            PasswordChangedAt = newUser.RequirePasswordChange ? null : now,
            CreatedAt = now,
        };

        // Roles and the audit entry are staged first so that UserManager's one SaveChanges writes them with the user.
        foreach (var roleId in await RoleIdsAsync(roles, cancellationToken))
        {
            db.UserRoles.Add(new IdentityUserRole<string> { UserId = user.Id, RoleId = roleId });
        }

        audit.Add(AuditActions.UserCreated, AuditOutcome.Success, AuditTarget.User(user.Id, userName), new
        {
            after = Snapshot(user, department?.Name, roles),
            mustChangePassword = user.MustChangePassword,
            passwordGenerated = generated,
        });

        IdentityResult result;
        try
        {
            result = await users.CreateAsync(user, password);
        }
        catch (DbUpdateException)
        {
            // Another request may have created the same name between the check above and this insert (unique index).
            db.ChangeTracker.Clear();
            if (await queries.FindIdByUserNameAsync(userName, cancellationToken) is null)
            {
                throw;
            }

            return Result<UserChange>.Invalid(FieldError.Of(UserFields.UserName, "User_NameTaken", userName));
        }

        if (!result.Succeeded)
        {
            db.ChangeTracker.Clear();
            if (generated && result.Errors.Any(IsPasswordError))
            {
                throw new InvalidOperationException(
                    "A generated one-time password broke the password rules: " + string.Join("; ", result.Errors.Select(e => e.Code)));
            }

            return Failed(result, user.Id, userName);
        }

        return Result<UserChange>.Saved(new UserChange(user.Id, userName, generated ? password : null, user.MustChangePassword));
    }

    /// <summary>
    /// Changes a user's display name, department, phone and e-mail and, when <see cref="UserChanges.Roles"/> is not
    /// null, their roles (the user name never changes). The administrator's form leaves the roles null: granting and
    /// revoking roles is the security administrator's (<see cref="SetRolesAsync"/>, 三员分立).
    /// A stale <see cref="UserChanges.ConcurrencyStamp"/> gives <see cref="ResultKind.Conflict"/> and saves nothing.
    /// A change of roles or department renews the security stamp, which ends the user's open sessions. Audited as UserUpdated.
    /// </summary>
    public async Task<Result<UserChange>> UpdateAsync(string userId, UserChanges changes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var user = await users.FindByIdAsync(userId);
        if (user is null)
        {
            return NotFound(userId);
        }

        var refusal = changes.Roles is null
            ? await RefuseProtectedAccountAsync(user, AuditActions.UserUpdated, cancellationToken)
            : await RefuseAuditorAccountAsync(user, AuditActions.UserUpdated, cancellationToken);
        if (refusal is { } refused)
        {
            return refused;
        }

        if (!string.Equals(user.ConcurrencyStamp, changes.ConcurrencyStamp, StringComparison.Ordinal))
        {
            return Conflict(user.Id, user.UserName);
        }

        var displayName = TextSanitiser.Name(changes.DisplayName);
        var phone = UserRules.Optional(changes.Phone);
        var email = UserRules.Optional(changes.Email);
        var errors = new List<FieldError>();

        UserRules.CheckDisplayName(displayName, errors);
        var before = await SnapshotAsync(user, cancellationToken);
        IReadOnlyList<string> roles = before.Roles;
        if (changes.Roles is not null)
        {
            roles = UserRules.CheckRoles(changes.Roles, errors, options.Value.SeparateDuties);
            CheckAuditorRoleFromWeb(roles, errors);
        }

        var department = await CheckDepartmentAsync(changes.DepartmentId, user.DepartmentId, roles, errors, cancellationToken);
        UserRules.CheckPhone(phone, errors);
        UserRules.CheckEmail(email, errors);
        if (!errors.Any(e => e.Field == UserFields.Roles))
        {
            await CheckKeptRoleAsync(user, before.Roles, roles, Roles.Administrator, "User_CannotDropOwnAdministrator", "User_LastAdministratorRole", errors, cancellationToken);
            await CheckKeptRoleAsync(user, before.Roles, roles, Roles.SecurityAdministrator, "User_CannotDropOwnSecurityAdministrator", "User_LastSecurityAdministratorRole", errors, cancellationToken);
        }

        if (errors.Count > 0)
        {
            await AuditRefusedRolesAsync(AuditActions.UserUpdated, AuditTarget.User(user.Id, user.UserName), changes.Roles, errors, cancellationToken);
            return Result<UserChange>.Invalid(errors);
        }

        var rolesChanged = !before.Roles.SequenceEqual(roles);
        var departmentChanged = user.DepartmentId != department?.Id;
        var after = before with
        {
            DisplayName = displayName,
            Department = department?.Name,
            Roles = roles,
            Phone = phone,
            Email = email,
        };
        if (!rolesChanged && after with { Roles = before.Roles } == before)
        {
            return Unchanged(user);
        }

        if (rolesChanged)
        {
            await StageRolesAsync(user.Id, before.Roles, roles, cancellationToken);
        }

        // The stamp just compared is the tracked original value, which Identity's UPDATE puts in its WHERE clause:
        // a save that lands between that comparison and this one still makes ours fail instead of overwriting it.
        user.DisplayName = displayName;
        user.DepartmentId = department?.Id;
        if (!string.Equals(user.PhoneNumber, phone, StringComparison.Ordinal))
        {
            user.PhoneNumber = phone;
            user.PhoneNumberConfirmed = false;
        }

        if (!string.Equals(user.Email, email, StringComparison.Ordinal))
        {
            user.Email = email;
            user.EmailConfirmed = false;
        }

        audit.Add(AuditActions.UserUpdated, AuditOutcome.Success, Target(user), new { before, after });
        var result = rolesChanged || departmentChanged
            ? await users.UpdateSecurityStampAsync(user)
            : await users.UpdateAsync(user);
        return Finish(result, user);
    }

    /// <summary>
    /// Grants and revokes roles (the security administrator's page, 三员分立): the user's other fields stay as they are.
    /// The same rules, conflict check and audit entry (UserUpdated, roles before and after) as <see cref="UpdateAsync"/>.
    /// </summary>
    public async Task<Result<UserChange>> SetRolesAsync(string userId, IReadOnlyList<string> roles, string concurrencyStamp, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(roles);
        var user = await queries.GetAsync(userId, cancellationToken);
        if (user is null)
        {
            return NotFound(userId);
        }

        return await UpdateAsync(userId, new UserChanges
        {
            DisplayName = user.DisplayName,
            DepartmentId = user.DepartmentId,
            Roles = roles,
            Phone = user.Phone,
            Email = user.Email,
            ConcurrencyStamp = concurrencyStamp,
        }, cancellationToken);
    }

    /// <summary>
    /// Disables a user: they cannot sign in and their open sessions end (security stamp renewed). Refused for
    /// yourself and for the last active administrator. Audited as UserDisabled.
    /// </summary>
    public async Task<Result<UserChange>> DisableAsync(string userId, CancellationToken cancellationToken = default)
    {
        var user = await users.FindByIdAsync(userId);
        if (user is null)
        {
            return NotFound(userId);
        }

        if (await RefuseProtectedAccountAsync(user, AuditActions.UserDisabled, cancellationToken) is { } refused)
        {
            return refused;
        }

        if (user.IsDisabled)
        {
            return Unchanged(user);
        }

        if (IsActor(user))
        {
            return await RefusedAsync(AuditActions.UserDisabled, user, new Message("User_CannotDisableYourself"), cancellationToken);
        }

        var before = await SnapshotAsync(user, cancellationToken);
        if (before.Roles.Contains(Roles.Administrator) && await CountActiveAdministratorsAsync(cancellationToken) <= 1)
        {
            return await RefusedAsync(AuditActions.UserDisabled, user, new Message("User_LastAdministratorDisable"), cancellationToken);
        }

        user.IsDisabled = true;
        audit.Add(AuditActions.UserDisabled, AuditOutcome.Success, Target(user), new { before, after = before with { Disabled = true } });
        return Finish(await users.UpdateSecurityStampAsync(user), user);
    }

    /// <summary>Enables a disabled user again (their password is unchanged). Audited as UserEnabled.</summary>
    public async Task<Result<UserChange>> EnableAsync(string userId, CancellationToken cancellationToken = default)
    {
        var user = await users.FindByIdAsync(userId);
        if (user is null)
        {
            return NotFound(userId);
        }

        if (await RefuseProtectedAccountAsync(user, AuditActions.UserEnabled, cancellationToken) is { } refused)
        {
            return refused;
        }

        if (!user.IsDisabled)
        {
            return Unchanged(user);
        }

        var before = await SnapshotAsync(user, cancellationToken);
        user.IsDisabled = false;
        audit.Add(AuditActions.UserEnabled, AuditOutcome.Success, Target(user), new { before, after = before with { Disabled = false } });
        return Finish(await users.UpdateAsync(user), user);
    }

    /// <summary>
    /// Ends a lockout after failed sign-ins and resets the failure count: the security administrator's page and the CLI.
    /// Any account, auditors' included (it gives nobody access they did not have). Audited as UserUnlocked.
    /// </summary>
    public async Task<Result<UserChange>> UnlockAsync(string userId, CancellationToken cancellationToken = default)
    {
        var user = await users.FindByIdAsync(userId);
        if (user is null)
        {
            return NotFound(userId);
        }

        if (user.LockoutEnd is null && user.AccessFailedCount == 0)
        {
            return Unchanged(user);
        }

        var snapshot = await SnapshotAsync(user, cancellationToken);
        var wasLockedOut = user.LockoutEnd > clock.GetUtcNow();
        var failedSignIns = user.AccessFailedCount;
        user.LockoutEnd = null;
        user.AccessFailedCount = 0;
        audit.Add(AuditActions.UserUnlocked, AuditOutcome.Success, Target(user), new
        {
            before = snapshot,
            after = snapshot,
            wasLockedOut,
            failedSignIns,
        });
        return Finish(await users.UpdateAsync(user), user);
    }

    /// <summary>
    /// Gives a user a new one-time password (returned in <see cref="UserChange.OneTimePassword"/>) that they must change
    /// at first sign-in; clears any lockout and ends their open sessions. Refused for yourself (use 修改密码).
    /// Audited as PasswordReset, without the password.
    /// </summary>
    public async Task<Result<UserChange>> ResetPasswordAsync(string userId, CancellationToken cancellationToken = default)
    {
        var user = await users.FindByIdAsync(userId);
        if (user is null)
        {
            return NotFound(userId);
        }

        if (await RefuseProtectedAccountAsync(user, AuditActions.PasswordReset, cancellationToken) is { } refused)
        {
            return refused;
        }

        if (IsActor(user))
        {
            return await RefusedAsync(AuditActions.PasswordReset, user, new Message("User_CannotResetYourOwn"), cancellationToken);
        }

        var password = OneTimePasswords.Generate(options.Value, user.UserName);
        foreach (var validator in users.PasswordValidators)
        {
            var valid = await validator.ValidateAsync(users, user, password);
            if (!valid.Succeeded)
            {
                throw new InvalidOperationException(
                    "A generated one-time password broke the password rules: " + string.Join("; ", valid.Errors.Select(e => e.Code)));
            }
        }

        var snapshot = await SnapshotAsync(user, cancellationToken);
        var wasLockedOut = user.LockoutEnd > clock.GetUtcNow();
        user.PasswordHash = users.PasswordHasher.HashPassword(user, password);
        user.MustChangePassword = true;
        user.PasswordChangedAt = null;
        user.LockoutEnd = null;
        user.AccessFailedCount = 0;
        audit.Add(AuditActions.PasswordReset, AuditOutcome.Success, Target(user), new
        {
            before = snapshot,
            after = snapshot,
            mustChangePassword = true,
            wasLockedOut,
        });

        var result = Finish(await users.UpdateSecurityStampAsync(user), user);
        return result.Succeeded ? result with { Value = result.Value! with { OneTimePassword = password, MustChangePassword = true } } : result;
    }

    private static AuditTarget Target(ApplicationUser user) => AuditTarget.User(user.Id, user.UserName);

    private static Result<UserChange> Unchanged(ApplicationUser user) => Result<UserChange>.Unchanged(new UserChange(user.Id, user.UserName));

    private static Result<UserChange> NotFound(string userId) =>
        Result<UserChange>.NotFound(new Message("User_NotFound")) with { Value = new UserChange(userId, null) };

    private static Result<UserChange> Conflict(string userId, string? userName) =>
        Result<UserChange>.Conflict(new UserChange(userId, userName), new Message("User_Conflict"));

    private static UserSnapshot Snapshot(ApplicationUser user, string? department, IReadOnlyList<string> roles) =>
        new(user.UserName ?? "", user.DisplayName, department, roles, user.PhoneNumber, user.Email, user.IsDisabled);

    private static bool IsPasswordError(IdentityError error) => error.Code.StartsWith("Password", StringComparison.Ordinal);

    private bool IsActor(ApplicationUser user) =>
        audit.Actor.UserId is { } actorId && string.Equals(actorId, user.Id, StringComparison.Ordinal);

    /// <summary>
    /// Separation of duties (三权分立): an administrator signed in to the portal must not be able to make, take over or
    /// silence the people who audit them. Auditor accounts are managed only from the command line on the server (the
    /// security officer's tool, where the actor has no portal user id). Null when the action may go ahead.
    /// </summary>
    private async Task<Result<UserChange>?> RefuseAuditorAccountAsync(ApplicationUser user, string action, CancellationToken cancellationToken)
    {
        if (!ActsFromPortal || !(await users.GetRolesAsync(user)).Contains(Roles.Auditor))
        {
            return null;
        }

        return await RefusedAsync(action, user, AuditorAccountsMessage, cancellationToken);
    }

    /// <summary>
    /// The administrator's own actions (edit, disable, enable, reset) also leave security administrators' accounts alone:
    /// resetting one's password would let the administrator take over role grants and the security settings.
    /// </summary>
    private async Task<Result<UserChange>?> RefuseProtectedAccountAsync(ApplicationUser user, string action, CancellationToken cancellationToken)
    {
        if (await RefuseAuditorAccountAsync(user, action, cancellationToken) is { } refused)
        {
            return refused;
        }

        if (!ActsFromPortal || !(await users.GetRolesAsync(user)).Contains(Roles.SecurityAdministrator))
        {
            return null;
        }

        return await RefusedAsync(action, user, new Message("User_SecurityAdministratorAccountsNotByAdministrator"), cancellationToken);
    }

    /// <summary>
    /// Nobody revokes their own <paramref name="role"/> (Administrator, Security Administrator), and the last active
    /// holder keeps it: otherwise nobody could do that job from the portal any more.
    /// </summary>
    private async Task CheckKeptRoleAsync(
        ApplicationUser user, IReadOnlyList<string> before, IReadOnlyList<string> after, string role, string ownKey, string lastKey,
        List<FieldError> errors, CancellationToken cancellationToken)
    {
        if (!before.Contains(role) || after.Contains(role))
        {
            return;
        }

        if (IsActor(user))
        {
            errors.Add(FieldError.Of(UserFields.Roles, ownKey));
        }
        else if (!user.IsDisabled && await CountActiveHoldersAsync(role, cancellationToken) <= 1)
        {
            errors.Add(FieldError.Of(UserFields.Roles, lastKey));
        }
    }

    /// <summary>
    /// A refusal by a safety rule (not a typing mistake): audited as a failed attempt of <paramref name="action"/>, because
    /// someone trying to disable the last administrator or take over an auditor is what an assessor looks for.
    /// </summary>
    private async Task<Result<UserChange>> RefusedAsync(string action, ApplicationUser user, Message reason, CancellationToken cancellationToken)
    {
        await audit.WriteAsync(action, AuditOutcome.Failure, AuditTarget.User(user.Id, user.UserName), new { reason }, cancellationToken: cancellationToken);
        return Result<UserChange>.Refused(reason, new UserChange(user.Id, user.UserName));
    }

    /// <summary>
    /// A form refused for its roles (Auditor from the portal, Administrator with Auditor, dropping one's own or the last
    /// Administrator) is a refused privileged change: audited as a failure with the roles asked for and the reasons,
    /// even though the user only sees it as a field error. Other refusals (no role, a missing name) are not audited.
    /// </summary>
    private async Task AuditRefusedRolesAsync(
        string action, AuditTarget target, IEnumerable<string>? requestedRoles, List<FieldError> errors, CancellationToken cancellationToken)
    {
        var reasons = errors.Where(e => e.Field == UserFields.Roles && PrivilegedRefusals.Contains(e.Message.Key)).Select(e => e.Message).ToList();
        if (reasons.Count > 0)
        {
            await audit.WriteAsync(action, AuditOutcome.Failure, target, new { roles = requestedRoles?.ToList() ?? [], reasons }, cancellationToken: cancellationToken);
        }
    }

    /// <summary>The refusals of a role change that touch the separation of duties or the last administrator.</summary>
    private static readonly HashSet<string> PrivilegedRefusals =
    [
        "User_AuditorAccountsFromCommandLine", "User_AdministratorAndAuditor", "User_CannotDropOwnAdministrator", "User_LastAdministratorRole",
        "User_SeparateDuties", "User_CannotDropOwnSecurityAdministrator", "User_LastSecurityAdministratorRole",
    ];

    private void CheckAuditorRoleFromWeb(IReadOnlyCollection<string> roles, List<FieldError> errors)
    {
        if (ActsFromPortal && roles.Contains(Roles.Auditor))
        {
            errors.Add(new(UserFields.Roles, AuditorAccountsMessage));
        }
    }

    /// <summary>True for a signed-in portal user; false for the command line and the start-up step (no user id).</summary>
    private bool ActsFromPortal => audit.Actor.UserId is not null;

    public static Message AuditorAccountsMessage { get; } = new("User_AuditorAccountsFromCommandLine");

    private async Task<UserSnapshot> SnapshotAsync(ApplicationUser user, CancellationToken cancellationToken)
    {
        var department = user.DepartmentId is { } id
            ? await db.Departments.AsNoTracking().Where(d => d.Id == id).Select(d => d.Name).SingleOrDefaultAsync(cancellationToken)
            : null;
        var roles = await queries.RolesOfAsync([user.Id], cancellationToken);
        return Snapshot(user, department, roles[user.Id].ToList());
    }

    private Task<int> CountActiveAdministratorsAsync(CancellationToken cancellationToken) =>
        CountActiveHoldersAsync(Roles.Administrator, cancellationToken);

    private async Task<int> CountActiveHoldersAsync(string role, CancellationToken cancellationToken)
    {
        var normalized = role.ToUpperInvariant();
        return await db.Users.AsNoTracking()
            .Where(u => !u.IsDisabled && db.UserRoles.Any(ur => ur.UserId == u.Id
                && db.Roles.Any(r => r.Id == ur.RoleId && r.NormalizedName == normalized)))
            .CountAsync(cancellationToken);
    }

    /// <summary>
    /// Checks the department: it must exist, must be active when newly assigned (a user already in a department that
    /// was retired since may stay), and a Reporter must have one. Returns the department, or null for none.
    /// </summary>
    private async Task<DepartmentReference?> CheckDepartmentAsync(
        int? departmentId, int? currentDepartmentId, IReadOnlyList<string> roles, List<FieldError> errors, CancellationToken cancellationToken)
    {
        DepartmentReference? department = null;
        if (departmentId is { } id)
        {
            department = await db.Departments.AsNoTracking()
                .Where(d => d.Id == id)
                .Select(d => new DepartmentReference(d.Id, d.Name, d.ShortName, d.IsActive))
                .SingleOrDefaultAsync(cancellationToken);
            if (department is null)
            {
                errors.Add(FieldError.Of(UserFields.DepartmentId, "User_DepartmentNotFound"));
            }
            else if (!department.IsActive && department.Id != currentDepartmentId)
            {
                errors.Add(FieldError.Of(UserFields.DepartmentId, "User_DepartmentInactive", department.Name));
            }
        }

        if (roles.Contains(Roles.Reporter) && departmentId is null)
        {
            errors.Add(FieldError.Of(UserFields.DepartmentId, "User_ReporterNeedsDepartment"));
        }

        return department;
    }

    private async Task<List<string>> RoleIdsAsync(IReadOnlyList<string> roles, CancellationToken cancellationToken)
    {
        var normalized = roles.Select(r => r.ToUpperInvariant()).ToList();
        var ids = await db.Roles.AsNoTracking()
            .Where(r => normalized.Contains(r.NormalizedName!))
            .Select(r => r.Id)
            .ToListAsync(cancellationToken);
        if (ids.Count == roles.Count)
        {
            return ids;
        }

        // A database the CLI set up before any role existed.
        await EnsureRolesAsync(cancellationToken);
        return await db.Roles.AsNoTracking()
            .Where(r => normalized.Contains(r.NormalizedName!))
            .Select(r => r.Id)
            .ToListAsync(cancellationToken);
    }

    private async Task StageRolesAsync(string userId, IReadOnlyList<string> current, IReadOnlyList<string> wanted, CancellationToken cancellationToken)
    {
        // Looked up before anything is staged: creating a missing role saves the context.
        var addedIds = await RoleIdsAsync(wanted.Except(current).ToList(), cancellationToken);
        var removed = current.Except(wanted).Select(r => r.ToUpperInvariant()).ToList();
        if (removed.Count > 0)
        {
            var links = await db.UserRoles
                .Where(ur => ur.UserId == userId && db.Roles.Any(r => r.Id == ur.RoleId && removed.Contains(r.NormalizedName!)))
                .ToListAsync(cancellationToken);
            db.UserRoles.RemoveRange(links);
        }

        foreach (var roleId in addedIds)
        {
            db.UserRoles.Add(new IdentityUserRole<string> { UserId = userId, RoleId = roleId });
        }
    }

    private Result<UserChange> Finish(IdentityResult result, ApplicationUser user)
    {
        if (result.Succeeded)
        {
            return Result<UserChange>.Saved(new UserChange(user.Id, user.UserName));
        }

        db.ChangeTracker.Clear();
        return Failed(result, user.Id, user.UserName);
    }

    private Result<UserChange> Failed(IdentityResult result, string userId, string? userName)
    {
        if (result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.ConcurrencyFailure)))
        {
            return Conflict(userId, userName);
        }

        var rules = options.Value;
        return Result<UserChange>.Invalid(result.Errors.Select(e => UserRules.IdentityError(e, rules, userName)).ToList());
    }
}
