using Microsoft.Playwright;

namespace EduPlan.Browser.Tests.Accessibility;

/// <summary>At a phone's width (390 px) the tables stay readable; printed, pages carry their content only.</summary>
[Collection(BrowserCollection.Name)]
public sealed class PhoneAndPrintTests(BrowserFixture fixture)
{
    private const string Password = "Access-Browser-2035";

    [SkippableFact]
    public async Task On_a_phone_tables_scroll_in_their_box_or_reflow_and_the_report_button_is_on_screen()
    {
        using var portal = new PortalServer();
        var seeded = await AccessibilityTests.SeedAsync(portal);
        var coordinator = await fixture.NewPageAsync(portal);
        await coordinator.SetViewportSizeAsync(390, 844);
        await AccessibilityTests.SignInAsync(coordinator, "coord", Password);

        await coordinator.GotoAsync("/reporting/status");
        await Assertions.Expect(coordinator.Locator(".status-table")).ToBeVisibleAsync();
        (await coordinator.EvaluateAsync<int>("() => document.documentElement.scrollWidth")).Should().BeLessThanOrEqualTo(390, "the page itself does not scroll sideways");
        var headerHeights = await coordinator.EvaluateAsync<double[]>("() => [...document.querySelectorAll('.status-table thead th')].map(th => th.getBoundingClientRect().height / parseFloat(getComputedStyle(th).lineHeight))");
        headerHeights.Should().OnlyContain(lines => lines < 2.5, "no header wraps one character per line");
        var department = await coordinator.Locator(".status-table tbody th").First.BoundingBoxAsync();
        department!.X.Should().BeLessThan(40, "the department, the key column, comes first");
        await BrowserFixture.ScreenshotAsync(coordinator, "phone-reporting-status");

        var reporter = await fixture.NewPageAsync(portal);
        await reporter.SetViewportSizeAsync(390, 844);
        await AccessibilityTests.SignInAsync(reporter, "writer", Password);
        await reporter.GotoAsync($"/my/tasks?quarter={seeded.OpenQuarter}");
        var button = reporter.Locator(".mytasks-table .mytasks-action a").First;
        await Assertions.Expect(button).ToBeVisibleAsync();
        var box = await button.BoundingBoxAsync();
        (box!.X + box.Width).Should().BeLessThanOrEqualTo(390, "the 填报 button is on screen without scrolling sideways");
        (await reporter.EvaluateAsync<int>("() => document.documentElement.scrollWidth")).Should().BeLessThanOrEqualTo(390);
        await BrowserFixture.ScreenshotAsync(reporter, "phone-my-tasks");
    }

    [SkippableFact]
    public async Task Printed_pages_have_no_navigation_or_buttons_a_header_with_the_quarter_and_rows_kept_whole()
    {
        using var portal = new PortalServer();
        var seeded = await AccessibilityTests.SeedAsync(portal);
        var coordinator = await fixture.NewPageAsync(portal);
        await AccessibilityTests.SignInAsync(coordinator, "coord", Password);

        foreach (var (path, name, context) in new[]
        {
            ("/reporting/status?quarter=" + seeded.OpenQuarter, "status", seeded.OpenQuarter.Year + "年"),
            ("/review", "review", "待审核"),
            ($"/reports/{seeded.ReportId}", "report", "市财政局"),
        })
        {
            await coordinator.GotoAsync(path);
            await coordinator.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });
            await Assertions.Expect(coordinator.Locator(".site-header")).ToBeHiddenAsync();
            await Assertions.Expect(coordinator.Locator(".site-footer")).ToBeHiddenAsync();
            await Assertions.Expect(coordinator.Locator("main .btn:visible")).ToHaveCountAsync(0);
            await Assertions.Expect(coordinator.Locator(".print-header")).ToBeVisibleAsync();
            await Assertions.Expect(coordinator.Locator(".print-header")).ToContainTextAsync(context);
            (await coordinator.EvaluateAsync<string>("() => { const r = document.querySelector('tbody tr'); return r ? getComputedStyle(r).breakInside : 'avoid'; }"))
                .Should().Be("avoid", "a row is never split between pages");

            var pdf = await coordinator.PdfAsync(new PagePdfOptions { Format = "A4", PrintBackground = true });
            System.Text.Encoding.ASCII.GetString(pdf, 0, 5).Should().Be("%PDF-");
            if (BrowserFixture.ScreenshotFolder is { } folder)
            {
                Directory.CreateDirectory(folder);
                var file = Path.Combine(folder, $"print-{name}.pdf");
                await File.WriteAllBytesAsync(file, pdf);
            }

            await coordinator.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Screen });
        }
    }
}
