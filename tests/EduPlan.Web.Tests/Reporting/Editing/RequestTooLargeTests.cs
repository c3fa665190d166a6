using System.Net;

namespace EduPlan.Web.Tests.Reporting.Editing;

/// <summary>
/// A report form posted over the request limit, on real Kestrel (which enforces the limit as in production): 413 and a
/// page that says the limit in the reader's language, not a 400 that blames a stale page; nothing is saved.
/// </summary>
public sealed class RequestTooLargeTests : IAsyncLifetime
{
    private ReportFormApp app = null!;

    public async Task InitializeAsync() => app = await ReportFormApp.StartAsync(kestrel: true);

    public async Task DisposeAsync() => await app.DisposeAsync();

    private static MultipartFile Oversized() => new("EvidenceFile", "督导评估报告.pdf", new byte[13 * 1024 * 1024], "application/pdf");

    [Fact]
    public async Task A_report_form_over_the_request_limit_gets_413_with_a_page_that_says_the_limit()
    {
        using var client = await app.ReporterAsync("reporter-big", "市教委");
        var html = await client.GetPageAsync(app.FormPath);

        using var response = await client.PostMultipartAsync(html, app.FormPath, app.FormPath, ReportFormApp.Filled(html, app.FormPath), Oversized());

        response.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        var page = WebTestHelpers.Decoded(await response.Content.ReadAsStringAsync());
        page.Should().Contain("提交的内容过大").And.Contain("提交的内容超过了 12 MB 的上限，没有保存任何内容。").And.Contain("返回表单");
        page.Should().NotContain("重新加载", "the page is not blamed on a stale form");
        (await app.ReportAsync("市教委")).Should().BeNull();

        // The form itself warns before sending, with the same limit.
        html.Should().Contain($"data-max-request-bytes=\"{12 * 1024 * 1024}\"").And.Contain("本次提交超过了 12 MB 的上限，未发送；填写的内容仍在。");
    }

    [Fact]
    public async Task The_page_says_it_in_English_to_an_English_reader()
    {
        using var client = await app.ReporterAsync("reporter-en", "市教委");
        (await client.PostFormAsync("/targets", "/language", new Dictionary<string, string> { ["culture"] = "en", ["returnUrl"] = "/" }))
            .StatusCode.Should().Be(HttpStatusCode.Redirect);
        var html = await client.GetPageAsync(app.FormPath);

        using var response = await client.PostMultipartAsync(html, app.FormPath, app.FormPath, ReportFormApp.Filled(html, app.FormPath), Oversized());

        response.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        var page = WebTestHelpers.Decoded(await response.Content.ReadAsStringAsync());
        page.Should().Contain("Request too large").And.Contain("What was sent is larger than the limit of 12 MB; nothing was saved.")
            .And.Contain("Back to the form");
    }

    [Fact]
    public async Task A_request_within_the_limit_is_still_read_and_answered_by_the_form()
    {
        using var client = await app.ReporterAsync("reporter-small", "市教委");
        var html = await client.GetPageAsync(app.FormPath);

        using var response = await client.PostMultipartAsync(html, app.FormPath, app.FormPath, ReportFormApp.Filled(html, app.FormPath),
            new MultipartFile("EvidenceFile", "督导评估报告.pdf", ReportFormApp.Pdf(), "application/pdf"));

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await app.ReportAsync("市教委"))!.Evidence.Should().ContainSingle();
    }
}
