using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using EduPlan.Data;

namespace EduPlan.Web.Tests.Instances;

/// <summary>
/// The portal as a process of its own (<c>dotnet EduPlan.Web.dll</c>, built next to the tests) on a loopback port, on a
/// given database: what a second instance behind a load balancer is, and what can be killed with SIGKILL.
/// </summary>
public sealed class PortalProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();

    private PortalProcess(Process process, int port, string folder)
    {
        this.process = process;
        Port = port;
        Folder = folder;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public int Port { get; }

    /// <summary>The folder of this instance's log files.</summary>
    public string Folder { get; }

    public Uri Address => new($"http://127.0.0.1:{Port}");

    /// <summary>What the process wrote to its console so far.</summary>
    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    public bool HasExited => process.HasExited;

    /// <summary>Starts an instance on <paramref name="database"/>; its logs go to <paramref name="folder"/>. Returns at once; see <see cref="WaitHealthyAsync"/>.</summary>
    public static PortalProcess Start(DatabaseSettings database, string folder, IDictionary<string, string>? settings = null)
    {
        Directory.CreateDirectory(folder);
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "EduPlan.Web.dll"));
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{port}");
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["DOTNET_USE_POLLING_FILE_WATCHER"] = "true",
            ["Database__Provider"] = database.Provider.ToString(),
            ["ConnectionStrings__EduPlan"] = database.ConnectionString,
            ["Bootstrap__AdminPassword"] = EduPlanWebFactory.TestAdminPassword,
            ["Seeds__Path"] = Path.Combine(AppContext.BaseDirectory, "seeds"),
            ["Logging__Directory"] = Path.Combine(folder, "logs"),
            ["Security__SignInAttemptsPerMinute"] = "10000",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        return new PortalProcess(Process.Start(start)!, port, folder);
    }

    /// <summary>Waits until <c>/healthz</c> answers 200 (start-up done: migrated, seeded, listening).</summary>
    public async Task WaitHealthyAsync(TimeSpan? timeout = null)
    {
        using var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(5) };
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < (timeout ?? TimeSpan.FromSeconds(90)))
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The portal on port {Port} exited with {process.ExitCode} during start-up:\n{Output}");
            }

            try
            {
                if ((await client.GetAsync("/healthz")).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Busy starting.
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"The portal on port {Port} was not healthy after {waited.Elapsed}:\n{Output}");
    }

    /// <summary>A browser: keeps cookies in <paramref name="cookies"/> (cookies ignore ports, so one jar serves every instance), shows redirects.</summary>
    public HttpClient Browser(CookieContainer? cookies = null) =>
        new(new HttpClientHandler { CookieContainer = cookies ?? new CookieContainer(), AllowAutoRedirect = false, UseCookies = true })
        {
            BaseAddress = Address,
            Timeout = TimeSpan.FromSeconds(60),
        };

    /// <summary>SIGKILL: the process ends at once, in the middle of whatever it was doing.</summary>
    public void Kill()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: false);
        }

        process.WaitForExit();
    }

    public async ValueTask DisposeAsync()
    {
        Kill();
        await process.WaitForExitAsync();
        process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
