using System.Net;
using System.Text.RegularExpressions;

namespace EduPlan.Web.Tests;

/// <summary>Signing in and reading pages the way a browser does: GET the form, post it back with its token.</summary>
public static partial class WebTestHelpers
{
    public const string AdminUserName = "admin";

    /// <summary>The first security administrator (安全管理员), made at start-up like admin.</summary>
    public const string SecurityAdminUserName = "secadmin";

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

    /// <summary>
    /// POSTs a form that was first fetched from <paramref name="formPath"/>, with the token taken from inside THAT
    /// form (the one whose action is <paramref name="postPath"/>, or an action-less form posting back to the page),
    /// as a browser would: a form that renders no token of its own fails here instead of borrowing the layout's.
    /// </summary>
    public static async Task<HttpResponseMessage> PostFormAsync(
        this HttpClient client, string formPath, string postPath, IDictionary<string, string> fields)
    {
        var response = await client.GetAsync(formPath);
        response.StatusCode.Should().Be(HttpStatusCode.OK, $"{formPath} should show a form");
        var token = ReadFormToken(await response.Content.ReadAsStringAsync(), formPath, postPath);
        var body = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = token };
        return await client.PostAsync(postPath, new FormUrlEncodedContent(body));
    }

    /// <summary>
    /// POSTs to an address that no form on <paramref name="tokenPath"/> offers (a hand-made request), with a valid
    /// token for this user taken from any form of that page.
    /// </summary>
    public static async Task<HttpResponseMessage> PostUnofferedAsync(
        this HttpClient client, string tokenPath, string postPath, IDictionary<string, string> fields)
    {
        var token = await client.GetAntiforgeryTokenAsync(tokenPath);
        var body = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = token };
        return await client.PostAsync(postPath, new FormUrlEncodedContent(body));
    }

    /// <summary>The antiforgery token inside the POST form of <paramref name="html"/> that submits to <paramref name="postPath"/>.</summary>
    public static string ReadFormToken(string html, string formPath, string postPath)
    {
        var target = postPath.Split('?')[0];
        foreach (Match form in PostForm().Matches(html))
        {
            var action = ActionAttribute().Match(form.Groups["tag"].Value);
            var posts = action.Success
                ? string.Equals(WebUtility.HtmlDecode(action.Groups[1].Value).Split('?')[0], target, StringComparison.OrdinalIgnoreCase)
                : string.Equals(formPath.Split('?')[0], target, StringComparison.OrdinalIgnoreCase);
            if (!posts)
            {
                continue;
            }

            var input = TokenInput().Match(form.Groups["body"].Value);
            input.Success.Should().BeTrue($"the form on {formPath} that posts to {target} should carry its own antiforgery token");
            return WebUtility.HtmlDecode(ValueAttribute().Match(input.Value).Groups[1].Value);
        }

        throw new InvalidOperationException($"{formPath} has no POST form that submits to {target}");
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

    public static async Task SignInAsSecurityAdminAsync(this HttpClient client, string password = EduPlanWebFactory.TestSecurityAdminPassword)
    {
        var response = await client.SignInAsync(SecurityAdminUserName, password);
        response.StatusCode.Should().Be(HttpStatusCode.Redirect, "signing in as secadmin should succeed");
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

    [GeneratedRegex("<form(?<tag>[^>]*method=\"post\"[^>]*)>(?<body>.*?)</form>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex PostForm();

    [GeneratedRegex("\\saction=\"([^\"]*)\"")]
    private static partial Regex ActionAttribute();

    [GeneratedRegex("value=\"([^\"]*)\"")]
    private static partial Regex ValueAttribute();
}
