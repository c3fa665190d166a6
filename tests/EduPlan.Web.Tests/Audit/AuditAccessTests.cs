using System.Net;
using EduPlan.Application.Auditing;
using EduPlan.Application.Security;
using Microsoft.EntityFrameworkCore;

namespace EduPlan.Web.Tests.Audit;

/// <summary>Only the auditor reads the log (the administrator neither: separation of duties), and nothing can write to it over HTTP.</summary>
public sealed class AuditAccessTests(AuditApp app) : IClassFixture<AuditApp>
{
    [Theory]
    [InlineData(Roles.Administrator)]
    [InlineData(Roles.Coordinator)]
    [InlineData(Roles.Reporter)]
    [InlineData(Roles.Viewer)]
    public async Task Every_role_but_the_auditor_is_refused_the_page_and_the_export(string role)
    {
        var marker = AuditPageTests.Marker();
        await app.AddEntryAsync(DateTime.UtcNow, AuditActions.UserUpdated, marker);
        using var client = await app.SignedInAsAsync(role);

        foreach (var path in new[] { "/audit", $"/audit?target={marker}", $"/audit/export?target={marker}" })
        {
            var response = await client.GetAsync(path);

            await ShouldBeForbiddenAsync(client, response, path);
            (await response.Content.ReadAsStringAsync()).Should().NotContain(marker);
        }

        (await ExportsMentioningAsync(marker)).Should().Be(0, "a refused export is not an export");
    }

    [Fact]
    public async Task The_auditor_is_allowed_in()
    {
        using var client = await app.SignedInAsAsync(Roles.Auditor);

        var page = await client.GetAsync("/audit");
        var export = await client.GetAsync("/audit/export?action=SignOut");

        page.StatusCode.Should().Be(HttpStatusCode.OK);
        export.StatusCode.Should().Be(HttpStatusCode.OK);
        export.Content.Headers.ContentType!.MediaType.Should().Be("text/csv");
    }

    [Theory]
    [InlineData("/audit")]
    [InlineData("/audit/export")]
    public async Task Anonymous_visitors_are_sent_to_sign_in(string path)
    {
        using var client = app.CreateBrowser();

        var response = await client.GetAsync(path);

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        new Uri(new Uri("http://localhost"), response.Headers.Location!).AbsolutePath.Should().Be("/account/login");
    }

    [Theory]
    [InlineData("POST", "/audit")]
    [InlineData("PUT", "/audit")]
    [InlineData("PATCH", "/audit")]
    [InlineData("DELETE", "/audit")]
    [InlineData("POST", "/audit/export")]
    [InlineData("DELETE", "/audit/export")]
    [InlineData("DELETE", "/audit/1")]
    [InlineData("POST", "/audit/1")]
    [InlineData("PUT", "/audit/1")]
    [InlineData("POST", "/audit/delete")]
    public async Task No_request_other_than_GET_is_accepted_even_from_the_auditor(string method, string path)
    {
        using var client = await app.SignedInAsAsync(Roles.Auditor);
        var token = await client.GetAntiforgeryTokenAsync("/account/change-password");
        var before = await CountAsync();

        var request = new HttpRequestMessage(new HttpMethod(method), path)
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["id"] = "1" }),
        };
        var response = await client.SendAsync(request);

        response.StatusCode.Should().BeOneOf(HttpStatusCode.NotFound, HttpStatusCode.MethodNotAllowed);
        (await CountAsync()).Should().BeGreaterThanOrEqualTo(before, "no entry was removed");
    }

    private async Task<int> CountAsync() => await app.WithDbAsync(db => db.AuditEntries.CountAsync());

    private Task<int> ExportsMentioningAsync(string marker) => app.WithDbAsync(db =>
        db.AuditEntries.CountAsync(a => a.Action == AuditActions.AuditExported && a.Details!.Contains(marker)));

    /// <summary>403, either at once or through the access-denied page the cookie handler redirects to.</summary>
    private static async Task ShouldBeForbiddenAsync(HttpClient client, HttpResponseMessage response, string path)
    {
        if (response.StatusCode == HttpStatusCode.Forbidden)
        {
            return;
        }

        response.StatusCode.Should().Be(HttpStatusCode.Redirect, $"{path} must not be shown");
        var location = new Uri(new Uri("http://localhost"), response.Headers.Location!);
        location.AbsolutePath.Should().Be("/account/access-denied", $"{path} is forbidden, not a sign-in matter");
        (await client.GetAsync(location.PathAndQuery)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }
}
