using System.Text.RegularExpressions;

namespace EduPlan.Web.Tests;

[Collection(SharedApp.Name)]
public sealed partial class PageSecurityTests(EduPlanWebFactory factory) : IAsyncLifetime
{
    private HttpClient client = null!;

    public async Task InitializeAsync()
    {
        client = factory.CreateBrowser();
        await client.SignInAsAdminAsync();
    }

    public Task DisposeAsync()
    {
        client.Dispose();
        return Task.CompletedTask;
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/plans/chongqing")]
    [InlineData("/plans/chongqing/tasks/9")]
    [InlineData("/targets")]
    [InlineData("/search?q=教育")]
    [InlineData("/account/change-password")]
    public async Task Pages_are_Chinese_use_only_local_assets_and_no_inline_script_or_style(string path)
    {
        var response = await client.GetAsync(path);
        var html = await response.Content.ReadAsStringAsync();

        html.Should().Contain("<html lang=\"zh-CN\">");
        html.Should().Contain("总览").And.Contain("目标一览").And.Contain("退出");
        var assets = AssetReference().Matches(html).Select(m => m.Groups[1].Value).ToList();
        assets.Should().NotBeEmpty();
        assets.Should().OnlyContain(url => url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal));
        InlineScript().IsMatch(html).Should().BeFalse("CSP forbids inline scripts");
        html.Should().NotContain("style=\"", "CSP forbids style attributes");
        html.Should().NotContain("<style", "CSP forbids style elements");
    }

    [Fact]
    public async Task Responses_carry_the_content_security_policy_and_hardening_headers()
    {
        var response = await client.GetAsync("/");

        response.Headers.GetValues("Content-Security-Policy").Single()
            .Should().Contain("default-src 'self'").And.Contain("script-src 'self'").And.Contain("frame-ancestors 'none'");
        response.Headers.GetValues("X-Content-Type-Options").Single().Should().Be("nosniff");
        response.Headers.GetValues("X-Frame-Options").Single().Should().Be("DENY");
        response.Headers.GetValues("Referrer-Policy").Single().Should().Be("same-origin");
    }

    [Fact]
    public async Task English_is_available_on_request()
    {
        var html = await client.GetPageAsync("/?culture=en");

        html.Should().Contain("<html lang=\"en\">");
        html.Should().Contain("Targets").And.Contain("Sign out");
    }

    [Fact]
    public async Task The_language_switch_remembers_English_and_back()
    {
        using var browser = factory.CreateBrowser();
        await browser.SignInAsAdminAsync();

        var toEnglish = await browser.PostFormAsync("/targets", "/language", new Dictionary<string, string>
        {
            ["culture"] = "en",
            ["returnUrl"] = "/targets",
        });
        var english = await browser.GetPageAsync("/targets");
        await browser.PostFormAsync("/targets", "/language", new Dictionary<string, string> { ["culture"] = "zh-CN" });
        var chinese = await browser.GetPageAsync("/targets");

        toEnglish.Headers.Location!.OriginalString.Should().Be("/targets");
        english.Should().Contain("<html lang=\"en\">").And.Contain("Standing requirements");
        chinese.Should().Contain("<html lang=\"zh-CN\">").And.Contain("长期要求");
    }

    [Fact]
    public async Task Every_form_post_carries_an_antiforgery_token()
    {
        var html = await client.GetPageAsync("/plans/chongqing");

        var forms = PostForm().Matches(html).Select(m => m.Value).ToList();
        forms.Should().NotBeEmpty();
        forms.Should().OnlyContain(form => form.Contains("__RequestVerificationToken"));
    }

    [GeneratedRegex("<(?:script|link)\\b[^>]*\\b(?:src|href)=\"([^\"]*)\"")]
    private static partial Regex AssetReference();

    [GeneratedRegex("<script(?![^>]*\\bsrc=)[^>]*>")]
    private static partial Regex InlineScript();

    [GeneratedRegex("<form[^>]*method=\"post\"[^>]*>.*?</form>", RegexOptions.Singleline)]
    private static partial Regex PostForm();
}
