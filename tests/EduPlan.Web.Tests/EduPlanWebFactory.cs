using EduPlan.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace EduPlan.Web.Tests;

/// <summary>
/// Starts the real app in memory on a fresh SQLite file in a temp folder, with a known administrator
/// password, logs in that folder and the "Testing" environment; deletes the folder when disposed.
/// </summary>
public class EduPlanWebFactory : WebApplicationFactory<Program>
{
    /// <summary>Meets the password rules (12+ characters, upper, lower, digit).</summary>
    public const string TestAdminPassword = "Test-Admin-Passw0rd";

    private readonly string folder = NewTempFolder();
    private bool ownsFolder = true;

    /// <summary>Bootstrap:AdminPassword; null or empty starts without one, so admin gets a random one-time password.</summary>
    public string? AdminPassword { get; init; } = TestAdminPassword;

    /// <summary>The folder with the database and logs: a new temp folder, or an existing one to reuse (then kept on dispose).</summary>
    public string Folder
    {
        get => folder;
        init
        {
            folder = value;
            ownsFolder = false;
        }
    }

    public string DatabasePath => Path.Combine(Folder, "test.db");

    public string LogDirectory => Path.Combine(Folder, "logs");

    /// <summary>Counts the SQL commands the app sends, to catch a query per row.</summary>
    public SqlCommandCounter Commands { get; } = new();

    public static string NewTempFolder() =>
        Path.Combine(Path.GetTempPath(), "eduplan-web-tests", Guid.NewGuid().ToString("N"));

    /// <summary>A client that keeps cookies and shows redirects instead of following them.</summary>
    public HttpClient CreateBrowser() =>
        CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>Runs <paramref name="work"/> with a fresh scope's DbContext (the app must have started).</summary>
    public async Task<T> WithDbAsync<T>(Func<EduPlanDbContext, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<EduPlanDbContext>());
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // UseSetting goes in as host configuration, which WebApplicationBuilder reads before appsettings
        // and environment variables are applied over it, and which wins over both.
        Directory.CreateDirectory(Folder);
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("ConnectionStrings:EduPlan", $"Data Source={DatabasePath}");
        builder.UseSetting("Seeds:Path", Path.Combine(AppContext.BaseDirectory, "seeds"));
        builder.UseSetting("Bootstrap:AdminPassword", AdminPassword ?? "");
        builder.UseSetting("Logging:Directory", LogDirectory);
        builder.ConfigureServices(services =>
            services.ConfigureDbContext<EduPlanDbContext>(options => options.AddInterceptors(Commands)));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && ownsFolder)
        {
            DeleteFolder(Folder);
        }
    }

    public static void DeleteFolder(string folder)
    {
        // Pooled connections keep the file open; let them go before deleting.
        SqliteConnection.ClearAllPools();
        try
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
        catch (IOException)
        {
            // A temp folder left behind is not worth failing a test run over.
        }
    }
}

/// <summary>Counts executed SQL commands.</summary>
public sealed class SqlCommandCounter : DbCommandInterceptor
{
    private int count;

    public int Count => Volatile.Read(ref count);

    public void Reset() => Interlocked.Exchange(ref count, 0);

    public override ValueTask<InterceptionResult<System.Data.Common.DbDataReader>> ReaderExecutingAsync(
        System.Data.Common.DbCommand command,
        CommandEventData eventData,
        InterceptionResult<System.Data.Common.DbDataReader> result,
        CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref count);
        return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override InterceptionResult<System.Data.Common.DbDataReader> ReaderExecuting(
        System.Data.Common.DbCommand command,
        CommandEventData eventData,
        InterceptionResult<System.Data.Common.DbDataReader> result)
    {
        Interlocked.Increment(ref count);
        return base.ReaderExecuting(command, eventData, result);
    }
}
