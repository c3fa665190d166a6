using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace EduPlan.Data;

/// <summary>An interceptor that looks at what a SaveChanges would write and throws to refuse it, before anything is sent.</summary>
public abstract class SaveChangesGuard : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (eventData.Context is { } context)
        {
            Check(context);
        }

        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (eventData.Context is { } context)
        {
            Check(context);
        }

        return ValueTask.FromResult(result);
    }

    /// <summary>Throws <see cref="InvalidOperationException"/> when the tracked changes break the rule.</summary>
    protected abstract void Check(DbContext context);
}
