using Microsoft.Playwright;

namespace EduPlan.Browser.Tests;

/// <summary>One portal and one headless Chromium shared by the browser tests of a collection.</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;

    public PortalServer Portal { get; } = new();

    public IBrowser? Browser { get; private set; }

    /// <summary>Set when Chromium is not installed; tests then skip (or fail under EDUPLAN_REQUIRE_BROWSER=1).</summary>
    public bool ChromiumMissing { get; private set; }

    /// <summary>Where screenshots go when EDUPLAN_SCREENSHOTS names a folder; null otherwise.</summary>
    public static string? ScreenshotFolder => Environment.GetEnvironmentVariable("EDUPLAN_SCREENSHOTS") is { Length: > 0 } folder ? folder : null;

    public async Task InitializeAsync()
    {
        var chromium = BrowserRequirement.ChromiumPath;
        if (chromium is null)
        {
            ChromiumMissing = true;
            return;
        }

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--disable-quic",
            ],
        });
    }

    /// <summary>A fresh browser context (its own cookies) pointed at the portal; skips the test when Chromium is missing.</summary>
    public Task<IPage> NewPageAsync() => NewPageAsync(Portal);

    /// <summary>A fresh browser context pointed at <paramref name="portal"/>.</summary>
    public async Task<IPage> NewPageAsync(PortalServer portal)
    {
        if (ChromiumMissing)
        {
            BrowserRequirement.Require();
        }

        var context = await Browser!.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = portal.RootUri.ToString().TrimEnd('/'),
            Locale = "zh-CN",
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });
        return await context.NewPageAsync();
    }

    public static async Task ScreenshotAsync(IPage page, string name)
    {
        if (ScreenshotFolder is { } folder)
        {
            Directory.CreateDirectory(folder);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name + ".png"), FullPage = true });
        }
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
        await Portal.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
