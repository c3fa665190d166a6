using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace EduPlan.Browser.Tests;

/// <summary>The real portal on Kestrel (a random loopback port) over a fresh SQLite file, for a real browser to visit.</summary>
public sealed class PortalServer : WebApplicationFactory<Program>
{
    public const string AdminPassword = "Browser-Test-2035";

    /// <summary>Bootstrap:SecurityAdminPassword: the first security administrator, secadmin.</summary>
    public const string SecurityAdminPassword = "Browser-Guard-2035";

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "eduplan-browser-" + Guid.NewGuid().ToString("N"));

    private readonly string _adminPassword;

    /// <param name="adminPassword">Bootstrap:AdminPassword; empty makes the app generate a one-time password.</param>
    public PortalServer(string adminPassword = AdminPassword)
    {
        _adminPassword = adminPassword;
        Directory.CreateDirectory(_folder);
        UseKestrel(0);
    }

    /// <summary>Extra configuration (e.g. "Reporting:MaxEvidenceBytes"), applied over the defaults.</summary>
    public Dictionary<string, string> Settings { get; init; } = [];

    /// <summary>The address Kestrel listens on, e.g. http://127.0.0.1:41234.</summary>
    public Uri RootUri
    {
        get
        {
            StartServer();
            var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            return new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("localhost", "127.0.0.1", StringComparison.Ordinal));
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseUrls("http://127.0.0.1:0");
        builder.UseSetting("ConnectionStrings:EduPlan", $"Data Source={Path.Combine(_folder, "eduplan.db")}");
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("Bootstrap:AdminPassword", _adminPassword);
        builder.UseSetting("Bootstrap:SecurityAdminPassword", SecurityAdminPassword);
        builder.UseSetting("Logging:Directory", Path.Combine(_folder, "logs"));
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(_folder, recursive: true);
            }
            catch (IOException)
            {
                // A log file still held open must not fail the run; the folder is in /tmp.
            }
        }
    }
}
