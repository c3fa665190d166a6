using EduPlan.Application.Security;
using EduPlan.Data;
using Microsoft.Extensions.DependencyInjection;

namespace EduPlan.Cli.Infrastructure;

/// <summary>The services and scope one database command runs in, with the schema checked (read) or brought up to date (write).</summary>
public sealed class CommandScope : IAsyncDisposable
{
    private readonly ServiceProvider services;
    private readonly AsyncServiceScope scope;

    private CommandScope(ServiceProvider services)
    {
        this.services = services;
        scope = services.CreateAsyncScope();
    }

    /// <summary>
    /// Opens a scope. <paramref name="write"/>: a SQLite database is migrated on the spot and a SQL Server one must
    /// already be up to date (see <see cref="DatabaseState"/>); otherwise the schema must simply be current.
    /// </summary>
    /// <param name="configure">Registrations that replace or add to the usual ones (the demo's clock and actor).</param>
    public static async Task<CommandScope> OpenAsync(CliContext context, bool write, Action<IServiceCollection>? configure = null)
    {
        var commandScope = new CommandScope(context.CreateServices(configure: configure));
        try
        {
            var db = commandScope.Get<EduPlanDbContext>();
            if (write)
            {
                await DatabaseState.PrepareForWriteAsync(db, commandScope.Get<DatabaseSettings>(), context.Output, context.CancellationToken);
            }
            else
            {
                await DatabaseState.EnsureUpToDateAsync(db, context.CancellationToken);
            }

            // The password and lockout rules the security administrator saved in the portal apply here too.
            await commandScope.Get<StoredSecuritySettings>().ReloadAsync(db, context.CancellationToken);

            return commandScope;
        }
        catch
        {
            await commandScope.DisposeAsync();
            throw;
        }
    }

    public T Get<T>()
        where T : notnull => scope.ServiceProvider.GetRequiredService<T>();

    public async ValueTask DisposeAsync()
    {
        await scope.DisposeAsync();
        await services.DisposeAsync();
    }
}
