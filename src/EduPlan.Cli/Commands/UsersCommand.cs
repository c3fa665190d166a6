using System.Globalization;
using EduPlan.Application;
using EduPlan.Application.Departments;
using EduPlan.Application.Security;
using EduPlan.Application.Users;
using EduPlan.Cli.Infrastructure;

namespace EduPlan.Cli.Commands;

/// <summary>
/// <c>users add|list|disable|enable|unlock|reset-password</c>: the same <see cref="UserAdministration"/> use cases,
/// rules and audit entries as the /admin/users pages, acting as "cli:&lt;os user&gt;".
/// </summary>
public static class UsersCommand
{
    public static CliCommand Definition { get; } = new(
        "users",
        "users add --user NAME --name 显示名 --role ROLE [--role ROLE] [--department SHORTNAME] [--password P] [--phone P] [--email E]\n"
        + "  users list [--search TEXT] [--department SHORTNAME] [--role ROLE] [--status active|disabled|locked]\n"
        + "  users disable|enable|unlock|reset-password NAME",
        "Create, list, disable, enable or unlock users, or give one a new one-time password.",
        RunAsync);

    private static Task<int> RunAsync(CliContext context, IReadOnlyList<string> args)
    {
        if (args.Count == 0)
        {
            throw new UsageException("users needs a subcommand: add, list, disable, enable, unlock or reset-password");
        }

        var rest = args.Skip(1).ToList();
        return args[0] switch
        {
            "add" => AddAsync(context, rest),
            "list" => ListAsync(context, rest),
            "disable" => ActAsync(context, rest, "disable", (users, id, ct) => users.DisableAsync(id, ct), "disabled; their open sessions end"),
            "enable" => ActAsync(context, rest, "enable", (users, id, ct) => users.EnableAsync(id, ct), "enabled"),
            "unlock" => ActAsync(context, rest, "unlock", (users, id, ct) => users.UnlockAsync(id, ct), "unlocked"),
            "reset-password" => ActAsync(context, rest, "reset-password", (users, id, ct) => users.ResetPasswordAsync(id, ct), "has a new one-time password; their open sessions end"),
            _ => throw new UsageException($"unknown users subcommand '{args[0]}'"),
        };
    }

    private static async Task<int> AddAsync(CliContext context, IReadOnlyList<string> args)
    {
        var arguments = CommandArguments.Parse(
            args,
            valueOptions: ["--user", "--name", "--department", "--password", "--phone", "--email"],
            repeatableOptions: ["--role"]);
        arguments.RequireNoPositionals("users add");
        var userName = arguments.Required("--user");
        var displayName = arguments.Required("--name");
        var roles = arguments.Values("--role");
        if (roles.Count == 0)
        {
            throw new UsageException("--role is required (one of " + string.Join(", ", Roles.All) + ")");
        }

        var (scope, users) = await OpenAsync(context);
        await using var _ = scope;
        int? departmentId = null;
        if (arguments.Value("--department") is { } department)
        {
            departmentId = (await scope.Get<DepartmentQueries>().FindAsync(department, context.CancellationToken))?.Id
                ?? throw new CliException($"no department with short name or name '{department}'");
        }

        var result = await users.CreateAsync(new NewUser
        {
            UserName = userName,
            DisplayName = displayName,
            DepartmentId = departmentId,
            Roles = roles,
            Phone = arguments.Value("--phone"),
            Email = arguments.Value("--email"),
            Password = arguments.Value("--password"),
        }, context.CancellationToken);
        ThrowOnFailure(context, result, $"could not create user {userName}");

        context.Output.WriteLine($"created user {result.Value!.UserName} ({displayName}), roles {string.Join(", ", roles)}");
        WritePassword(context, result.Value);
        return ExitCodes.Success;
    }

    private static async Task<int> ListAsync(CliContext context, IReadOnlyList<string> args)
    {
        var arguments = CommandArguments.Parse(args, valueOptions: ["--search", "--department", "--role", "--status"]);
        arguments.RequireNoPositionals("users list");
        UserStatus? status = arguments.Value("--status") switch
        {
            null => null,
            "active" => UserStatus.Active,
            "disabled" => UserStatus.Disabled,
            "locked" => UserStatus.LockedOut,
            var other => throw new UsageException($"--status must be active, disabled or locked, not '{other}'"),
        };
        var role = arguments.Value("--role");
        if (role is not null && Roles.Find(role) is null)
        {
            throw new UsageException($"unknown role '{role}' (one of {string.Join(", ", Roles.All)})");
        }

        await using var scope = await CommandScope.OpenAsync(context, write: false);
        var users = scope.Get<UserQueries>();
        int? departmentId = null;
        if (arguments.Value("--department") is { } department)
        {
            departmentId = (await scope.Get<DepartmentQueries>().FindAsync(department, context.CancellationToken))?.Id
                ?? throw new CliException($"no department with short name or name '{department}'");
        }

        // Tab-separated with a header, so the list can be read by a script or pasted into a spreadsheet.
        context.Output.WriteLine("user\tname\tdepartment\troles\tstatus\tlast sign-in (UTC)");
        var page = 1;
        int pageCount;
        do
        {
            var result = await users.ListAsync(new UserQuery
            {
                Search = arguments.Value("--search"),
                DepartmentId = departmentId,
                Role = role,
                Status = status,
                Page = page,
                PageSize = UserQuery.MaxPageSize,
            }, context.CancellationToken);
            foreach (var row in result.Rows)
            {
                context.Output.WriteLine(string.Join('\t',
                    row.UserName,
                    row.DisplayName,
                    row.DepartmentShortName ?? "",
                    string.Join(",", row.Roles),
                    row.Status.ToString().ToLowerInvariant() + (row.MustChangePassword ? " (must change password)" : ""),
                    row.LastSignInAt?.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) ?? ""));
            }

            pageCount = result.PageCount;
            page++;
        }
        while (page <= pageCount);

        return ExitCodes.Success;
    }

    private static async Task<int> ActAsync(
        CliContext context,
        IReadOnlyList<string> args,
        string subcommand,
        Func<UserAdministration, string, CancellationToken, Task<Result<UserChange>>> act,
        string done)
    {
        var arguments = CommandArguments.Parse(args);
        if (arguments.Positionals.Count != 1)
        {
            throw new UsageException($"users {subcommand} needs exactly one user NAME");
        }

        var userName = arguments.Positionals[0];
        var (scope, users) = await OpenAsync(context);
        await using var _ = scope;
        var id = await scope.Get<UserQueries>().FindIdByUserNameAsync(userName, context.CancellationToken)
            ?? throw new CliException($"no user named '{userName}'");
        var result = await act(users, id, context.CancellationToken);
        ThrowOnFailure(context, result, $"could not {subcommand.Replace('-', ' ')} {userName}");

        context.Output.WriteLine(result.Changed ? $"{userName} {done}" : $"{userName}: nothing to change");
        WritePassword(context, result.Value!);
        return ExitCodes.Success;
    }

    private static void WritePassword(CliContext context, UserChange result)
    {
        if (result.OneTimePassword is not null)
        {
            // To the command's output only: the operator hands it over; it is never logged or audited.
            context.Output.WriteLine($"one-time password: {result.OneTimePassword}");
        }

        if (result.MustChangePassword)
        {
            context.Output.WriteLine("the user must choose a new password at first sign-in");
        }
    }

    private static void ThrowOnFailure(CliContext context, Result<UserChange> result, string what)
    {
        if (!result.Succeeded)
        {
            throw new CliException(what + ":" + context.Failure(result));
        }
    }

    private static async Task<(CommandScope Scope, UserAdministration Users)> OpenAsync(CliContext context)
    {
        var scope = await CommandScope.OpenAsync(context, write: true);
        var users = scope.Get<UserAdministration>();
        // A new database has no roles yet; the portal creates them at start-up, the CLI here.
        await users.EnsureRolesAsync(context.CancellationToken);
        return (scope, users);
    }
}
