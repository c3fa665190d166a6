namespace EduPlan.Cli.Infrastructure;

/// <summary>
/// The arguments after the verb, split into options (<c>--name value</c>, <c>--name=value</c>, <c>--flag</c>)
/// and positional values. Anything not declared by the command is a usage error.
/// </summary>
public sealed class CommandArguments
{
    private readonly Dictionary<string, List<string>> _values = new(StringComparer.Ordinal);
    private readonly HashSet<string> _flags = new(StringComparer.Ordinal);
    private readonly List<string> _positionals = [];

    private CommandArguments()
    {
    }

    public IReadOnlyList<string> Positionals => _positionals;

    public static CommandArguments Parse(
        IReadOnlyList<string> args,
        IReadOnlyCollection<string>? valueOptions = null,
        IReadOnlyCollection<string>? flags = null,
        IReadOnlyCollection<string>? repeatableOptions = null)
    {
        repeatableOptions ??= [];
        valueOptions = [.. valueOptions ?? [], .. repeatableOptions];
        flags ??= [];
        var result = new CommandArguments();
        var optionsEnded = false;

        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (optionsEnded || !arg.StartsWith("--", StringComparison.Ordinal))
            {
                result._positionals.Add(arg);
                continue;
            }

            if (arg == "--")
            {
                // Lets a file whose name starts with "--" be imported.
                optionsEnded = true;
                continue;
            }

            var equals = arg.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? arg : arg[..equals];
            if (valueOptions.Contains(name))
            {
                string value;
                if (equals >= 0)
                {
                    value = arg[(equals + 1)..];
                }
                else if (i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
                {
                    value = args[++i];
                }
                else
                {
                    throw new UsageException($"{name} needs a value");
                }

                if (!result._values.TryGetValue(name, out var list))
                {
                    result._values[name] = list = [];
                }
                else if (!repeatableOptions.Contains(name))
                {
                    throw new UsageException($"{name} is given more than once");
                }

                list.Add(value);
            }
            else if (flags.Contains(name) && equals < 0)
            {
                result._flags.Add(name);
            }
            else
            {
                throw new UsageException($"unknown option {name}");
            }
        }

        return result;
    }

    public string? Value(string option) => _values.GetValueOrDefault(option)?[0];

    /// <summary>Every value of a repeatable option (<c>--role A --role B</c>), in the order given.</summary>
    public IReadOnlyList<string> Values(string option) => _values.GetValueOrDefault(option) ?? [];

    /// <summary>The value of an option the command cannot do without.</summary>
    public string Required(string option) =>
        Value(option) is { Length: > 0 } value ? value : throw new UsageException($"{option} is required");

    public bool Has(string flag) => _flags.Contains(flag);

    public void RequireNoPositionals(string verb)
    {
        if (_positionals.Count > 0)
        {
            throw new UsageException($"{verb} does not take '{_positionals[0]}'");
        }
    }
}
