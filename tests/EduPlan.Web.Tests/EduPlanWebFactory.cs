using EduPlan.Core.Organisation;
using EduPlan.Data;
using EduPlan.Data.Identity;
using EduPlan.Tests;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace EduPlan.Web.Tests;

/// <summary>
/// Starts the real app in memory on a fresh database — a SQLite file in a temp folder, or on the PostgreSQL run
/// (<see cref="TestDatabases.OnPostgres"/>) an empty database of its own named after that folder — with a known
/// administrator password, logs in that folder and the "Testing" environment; deletes both when disposed.
/// </summary>
public class EduPlanWebFactory : WebApplicationFactory<Program>
{
    /// <summary>Meets the password rules (12+ characters, 3 of 4 kinds, not containing the user name "admin").</summary>
    public const string TestAdminPassword = "Test-Root-Passw0rd";

    /// <summary>The first security administrator's (secadmin) password; meets the same rules.</summary>
    public const string TestSecurityAdminPassword = "Test-Guard-Passw0rd";

    private readonly string folder = NewTempFolder();
    private bool ownsFolder = true;

    /// <summary>Bootstrap:AdminPassword; null or empty starts without one, so admin gets a random one-time password.</summary>
    public string? AdminPassword { get; init; } = TestAdminPassword;

    /// <summary>Bootstrap:SecurityAdminPassword; null or empty: secadmin gets a random one-time password.</summary>
    public string? SecurityAdminPassword { get; init; } = TestSecurityAdminPassword;

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

    /// <summary>Database:Provider and ConnectionStrings:EduPlan the app is started with (the CLI is pointed at the same).</summary>
    public DatabaseSettings Database => DatabaseFor(Folder);

    /// <summary>The database of the app started on <paramref name="folder"/>: its SQLite file, or the PostgreSQL database named after it.</summary>
    public static DatabaseSettings DatabaseFor(string folder) => TestDatabases.OnPostgres
        ? PostgresDatabase.Named(folder).Settings
        : new DatabaseSettings(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(folder, "test.db")}");

    public string LogDirectory => Path.Combine(Folder, "logs");

    /// <summary>Extra configuration (e.g. "Security:SignInAttemptsPerMinute"), applied over the defaults.</summary>
    public Dictionary<string, string?> Settings { get; init; } = [];

    /// <summary>When set, the app's TimeProvider (cookies, audit times, lockouts, password expiry) is this fake clock.</summary>
    public FakeTimeProvider? Clock { get; init; }

    /// <summary>Counts the SQL commands the app sends, to catch a query per row.</summary>
    public SqlCommandCounter Commands { get; } = new();

    public static string NewTempFolder() =>
        Path.Combine(Path.GetTempPath(), "eduplan-web-tests", Guid.NewGuid().ToString("N"));

    /// <summary>Whether <see cref="UseRealKestrel"/> put the app on real Kestrel.</summary>
    public bool OnKestrel { get; private set; }

    /// <summary>Serves the app from real Kestrel on a random loopback port (limits and header rules as in production); call before it starts.</summary>
    public void UseRealKestrel()
    {
        UseKestrel(0);
        OnKestrel = true;
    }

    /// <summary>A client that keeps cookies and shows redirects instead of following them (over HTTP when on Kestrel).</summary>
    public HttpClient CreateBrowser()
    {
        if (!OnKestrel)
        {
            return CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        }

        // The factory's own client would follow redirects through the socket handler underneath: a handler of our own does not.
        StartServer();
        var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
#pragma warning disable CA2000 // The client disposes its handler.
        var handler = new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new System.Net.CookieContainer() };
#pragma warning restore CA2000
        return new HttpClient(handler, disposeHandler: true)
        {
            BaseAddress = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("localhost", "127.0.0.1", StringComparison.Ordinal)),
        };
    }

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
        var database = Database;
        builder.UseSetting("Database:Provider", database.Provider.ToString());
        builder.UseSetting("ConnectionStrings:EduPlan", database.ConnectionString);
        builder.UseSetting("Seeds:Path", Path.Combine(AppContext.BaseDirectory, "seeds"));
        builder.UseSetting("Bootstrap:AdminPassword", AdminPassword ?? "");
        builder.UseSetting("Bootstrap:SecurityAdminPassword", SecurityAdminPassword ?? "");
        builder.UseSetting("Logging:Directory", LogDirectory);
        // Every test client comes from the same address; a test of the limit sets its own value in Settings.
        builder.UseSetting("Security:SignInAttemptsPerMinute", "10000");
        // Tests put reports straight into the database (not audited), so the lights are computed on every request;
        // a test of the cache turns it on.
        builder.UseSetting("Lights:CacheMinutes", "0");
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureServices(services =>
        {
            services.ConfigureDbContext<EduPlanDbContext>(options => options.AddInterceptors(Commands));
            if (Clock is not null)
            {
                services.RemoveAll<TimeProvider>();
                services.AddSingleton<TimeProvider>(Clock);
            }
        });
    }

    /// <summary>
    /// Creates a user straight through UserManager (not through the admin pages), with a password that
    /// does not have to be changed, the given roles and, optionally, a department (created when missing).
    /// </summary>
    public async Task<ApplicationUser> CreateUserAsync(string userName, string password, IEnumerable<string> roles, string? departmentShortName = null)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var clock = scope.ServiceProvider.GetRequiredService<TimeProvider>();
        int? departmentId = departmentShortName is null ? null : await EnsureDepartmentAsync(departmentShortName);
        var user = new ApplicationUser
        {
            UserName = userName,
            DisplayName = "测试用户" + userName,
            DepartmentId = departmentId,
            PasswordChangedAt = clock.GetUtcNow(),
            CreatedAt = clock.GetUtcNow(),
        };
        var created = await users.CreateAsync(user, password);
        created.Succeeded.Should().BeTrue(string.Join("; ", created.Errors.Select(e => e.Description)));
        var added = await users.AddToRolesAsync(user, roles);
        added.Succeeded.Should().BeTrue(string.Join("; ", added.Errors.Select(e => e.Description)));
        return user;
    }

    /// <summary>The id of the department with this short name, creating it (name "测试单位&lt;short&gt;", kind 其他) when missing.</summary>
    public Task<int> EnsureDepartmentAsync(string shortName) => WithDbAsync(async db =>
    {
        var existing = await db.Departments.FirstOrDefaultAsync(d => d.ShortName == shortName);
        if (existing is not null)
        {
            return existing.Id;
        }

        var department = new Department { Name = "测试单位" + shortName, ShortName = shortName, Kind = DepartmentKind.Other };
        db.Departments.Add(department);
        await db.SaveChangesAsync();
        return department.Id;
    });

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && ownsFolder)
        {
            DeleteFolder(Folder);
        }
    }

    /// <summary>Deletes the folder, and on the PostgreSQL run the database named after it.</summary>
    public static void DeleteFolder(string folder)
    {
        if (TestDatabases.OnPostgres)
        {
            PostgresDatabase.DropNamed(folder);
        }

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
