namespace EduPlan.Browser.Tests;

/// <summary>Finds the system Chromium, and decides whether its absence skips or fails the browser tests.</summary>
public static class BrowserRequirement
{
    public const string InstallHint =
        "Chromium was not found. Install it with `apt-get install -y chromium` (it must be /usr/bin/chromium, " +
        "or set EDUPLAN_CHROMIUM to its path). Set EDUPLAN_REQUIRE_BROWSER=1 to make its absence a failure.";

    /// <summary>The Chromium executable to drive, or null when none is installed.</summary>
    public static string? ChromiumPath
    {
        get
        {
            var configured = Environment.GetEnvironmentVariable("EDUPLAN_CHROMIUM");
            string[] candidates = string.IsNullOrWhiteSpace(configured)
                ? ["/usr/bin/chromium", "/usr/bin/chromium-browser"]
                : [configured];
            return candidates.FirstOrDefault(File.Exists);
        }
    }

    public static bool IsRequired => Environment.GetEnvironmentVariable("EDUPLAN_REQUIRE_BROWSER") == "1";

    /// <summary>Skips the calling test when Chromium is missing, unless the browser is required (CI), then fails.</summary>
    public static string Require()
    {
        var path = ChromiumPath;
        if (path is not null)
        {
            return path;
        }

        if (IsRequired)
        {
            throw new InvalidOperationException(InstallHint);
        }

        Skip.If(true, InstallHint);
        return "";
    }
}
