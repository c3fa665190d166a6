using System.Net;

namespace EduPlan.Web.Tests;

[Collection(SharedApp.Name)]
public sealed class AnonymousAccessTests(EduPlanWebFactory factory)
{
    [Theory]
    [InlineData("/")]
    [InlineData("/plans/national")]
    [InlineData("/plans/chongqing/tasks/9")]
    [InlineData("/targets")]
    [InlineData("/search?q=教共体")]
    [InlineData("/no-such-page")]
    public async Task Anonymous_users_are_sent_to_the_login_page(string path)
    {
        using var client = factory.CreateBrowser();

        var response = await client.GetAsync(path);

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var location = response.Headers.Location!.ToString();
        location.Should().Contain("/account/login?ReturnUrl=");
        // The return URL is the escaped path, escaped once more as a query value.
        Uri.UnescapeDataString(Uri.UnescapeDataString(location)).Should().EndWith("ReturnUrl=" + path);
    }

    [Fact]
    public async Task Health_check_answers_anonymously_when_the_database_is_reachable()
    {
        using var client = factory.CreateBrowser();

        var response = await client.GetAsync("/healthz");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Be("Healthy");
    }

    [Theory]
    [InlineData("/lib/bootstrap/dist/css/bootstrap.min.css", "text/css")]
    [InlineData("/css/site.css", "text/css")]
    [InlineData("/lib/bootstrap/dist/js/bootstrap.bundle.min.js", "javascript")]
    public async Task Static_files_are_served_anonymously(string path, string contentType)
    {
        using var client = factory.CreateBrowser();

        var response = await client.GetAsync(path);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Contain(contentType);
    }

    [Fact]
    public async Task Login_page_is_shown_in_Chinese_to_anonymous_users()
    {
        using var client = factory.CreateBrowser();

        var html = await client.GetPageAsync("/account/login");

        html.Should().Contain("<html lang=\"zh-CN\">");
        html.Should().Contain("登录").And.Contain("用户名").And.Contain("密码");
        html.Should().NotContain("SignIn", "a missing resource shows its English key instead of the Chinese text");
    }
}
