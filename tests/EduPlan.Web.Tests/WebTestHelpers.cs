using System.Net;
using System.Text.RegularExpressions;

namespace EduPlan.Web.Tests;

/// <summary>Signing in and reading pages the way a browser does: GET the form, post it back with its token.</summary>
public static partial class WebTestHelpers
{
    public const string AdminUserName = "admin";

    /// <summary>GETs <paramref name="path"/> and returns the antiforgery token of its first form.</summary>
    public static async Task<string> GetAntiforgeryTokenAsync(this HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        response.StatusCode.Should().Be(HttpStatusCode.OK, $"{path} should show a form");
        return ReadAntiforgeryToken(await response.Content.ReadAsStringAsync());
    }

    public static string ReadAntiforgeryToken(string html)
    {
        var input = TokenInput().Match(html);
        input.Success.Should().BeTrue("the form should carry an antiforgery token");
        return WebUtility.HtmlDecode(ValueAttribute().Match(input.Value).Groups[1].Value);
    }

    /// <summary>POSTs a form that was first fetched from <paramref name="formPath"/>, token included.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(
        this HttpClient client, string formPath, string postPath, IDictionary<string, string> fields)
    {
        var token = await client.GetAntiforgeryTokenAsync(formPath);
        var body = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = token };
        return await client.PostAsync(postPath, new FormUrlEncodedContent(body));
    }

    public static Task<HttpResponseMessage> SignInAsync(this HttpClient client, string userName, string password) =>
        client.PostFormAsync("/account/login", "/account/login", new Dictionary<string, string>
        {
            ["UserName"] = userName,
            ["Password"] = password,
        });

    /// <summary>Signs in and checks that it worked (a redirect to the home page).</summary>
    public static async Task SignInAsAdminAsync(this HttpClient client, string password = EduPlanWebFactory.TestAdminPassword)
    {
        var response = await client.SignInAsync(AdminUserName, password);
        response.StatusCode.Should().Be(HttpStatusCode.Redirect, "signing in as admin should succeed");
        response.Headers.Location!.OriginalString.Should().Be("/");
    }

    /// <summary>GETs a page that must answer 200 and returns its HTML.</summary>
    public static async Task<string> GetPageAsync(this HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        response.StatusCode.Should().Be(HttpStatusCode.OK, $"{path} should be shown");
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>The page's text with entities decoded, so assertions can use the plan text as written.</summary>
    public static string Decoded(string html) => WebUtility.HtmlDecode(html);

    [GeneratedRegex("<input[^>]*name=\"__RequestVerificationToken\"[^>]*>")]
    private static partial Regex TokenInput();

    [GeneratedRegex("value=\"([^\"]*)\"")]
    private static partial Regex ValueAttribute();
}
