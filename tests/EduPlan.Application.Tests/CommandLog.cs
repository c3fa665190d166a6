using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace EduPlan.Application.Tests;

/// <summary>Records the SQL EF sends, to catch a query per row; can cancel a token in the middle of the writes.</summary>
public sealed class CommandLog : DbCommandInterceptor
{
    private readonly List<string> _commands = [];

    public IReadOnlyList<string> Commands => _commands;

    public IEnumerable<string> Selects => _commands.Where(c => c.TrimStart().StartsWith("SELECT", StringComparison.OrdinalIgnoreCase));

    public IEnumerable<string> Writes => _commands.Where(c => !c.TrimStart().StartsWith("SELECT", StringComparison.OrdinalIgnoreCase));

    /// <summary>When set, <see cref="CancelSource"/> is cancelled as soon as the write after this many writes starts.</summary>
    public int? CancelAfterWrites { get; set; }

    public CancellationTokenSource? CancelSource { get; set; }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return base.ScalarExecutingAsync(command, eventData, result, cancellationToken);
    }

    private void Record(DbCommand command)
    {
        _commands.Add(command.CommandText);
        if (CancelAfterWrites is { } writes && Writes.Count() == writes + 1)
        {
            CancelSource?.Cancel();
        }
    }
}
