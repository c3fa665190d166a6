using EduPlan.Application.Departments;
using EduPlan.Cli.Infrastructure;
using EduPlan.Core.Organisation;

namespace EduPlan.Cli.Commands;

/// <summary><c>departments add|list</c>: the same rules and audit entries as /admin/departments.</summary>
public static class DepartmentsCommand
{
    public static CliCommand Definition { get; } = new(
        "departments",
        "departments add --name 全称 --short 简称 [--kind 市级部门|区县|学校|其他] [--parent SHORTNAME]\n  departments list",
        "Add a responsible department (责任单位), or list them with their users and tasks.",
        RunAsync);

    private static Task<int> RunAsync(CliContext context, IReadOnlyList<string> args) => args.Count == 0
        ? throw new UsageException("departments needs a subcommand: add or list")
        : args[0] switch
        {
            "add" => AddAsync(context, args.Skip(1).ToList()),
            "list" => ListAsync(context, args.Skip(1).ToList()),
            _ => throw new UsageException($"unknown departments subcommand '{args[0]}'"),
        };

    private static async Task<int> AddAsync(CliContext context, IReadOnlyList<string> args)
    {
        var arguments = CommandArguments.Parse(args, valueOptions: ["--name", "--short", "--kind", "--parent"]);
        arguments.RequireNoPositionals("departments add");
        var name = arguments.Required("--name");
        var shortName = arguments.Required("--short");
        var kind = DepartmentKind.Other;
        if (arguments.Value("--kind") is { } kindText && !DepartmentKinds.TryParse(kindText, out kind))
        {
            throw new UsageException(
                $"--kind must be one of {string.Join(", ", DepartmentKinds.All.Select(DepartmentKinds.ChineseName))} (or {string.Join(", ", DepartmentKinds.All)})");
        }

        await using var scope = await CommandScope.OpenAsync(context, write: true);
        var departments = scope.Get<DepartmentAdministration>();
        int? parentId = null;
        if (arguments.Value("--parent") is { } parent)
        {
            parentId = (await scope.Get<DepartmentQueries>().FindAsync(parent, context.CancellationToken))?.Id
                ?? throw new CliException($"no department with short name or name '{parent}'");
        }

        var result = await departments.CreateAsync(new DepartmentInput(name, shortName, kind, parentId), context.CancellationToken);
        if (!result.Succeeded)
        {
            throw new CliException($"could not add department {shortName}:" + context.Failure(result));
        }

        context.Output.WriteLine($"added department {result.Value!.ShortName} ({result.Value.Name}, {DepartmentKinds.Name(kind, context.Culture)})");
        return ExitCodes.Success;
    }

    private static async Task<int> ListAsync(CliContext context, IReadOnlyList<string> args)
    {
        CommandArguments.Parse(args).RequireNoPositionals("departments list");
        await using var scope = await CommandScope.OpenAsync(context, write: false);
        var list = await scope.Get<DepartmentQueries>().ListAsync(context.CancellationToken);

        context.Output.WriteLine("short\tname\tkind\tparent\tactive\tusers\tlead tasks\tco-tasks");
        foreach (var d in list)
        {
            context.Output.WriteLine(string.Join('\t',
                d.ShortName, d.Name, DepartmentKinds.Name(d.Kind, context.Culture), d.ParentName ?? "", d.IsActive ? "yes" : "no",
                d.Usage.Users, d.Usage.LeadTasks, d.Usage.CoTasks));
        }

        return ExitCodes.Success;
    }
}
