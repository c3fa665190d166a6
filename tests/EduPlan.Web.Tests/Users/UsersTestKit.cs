using System.Net;
using System.Text.RegularExpressions;
using EduPlan.Data.Identity;
using Microsoft.EntityFrameworkCore;

namespace EduPlan.Web.Tests.Users;

/// <summary>What the /admin/users tests share: posting forms with repeated fields, reading the one-time password, 403 checks.</summary>
public static partial class UsersTestKit
{
    /// <summary>Meets the rules and contains none of the test user names.</summary>
    public const string Password = "Quiet-River-2025";

    public static string EditPath(string userId) => $"/admin/users/{Uri.EscapeDataString(userId)}/edit";

    /// <summary>
    /// Posts the form of <paramref name="formPath"/> whose action is <paramref name="postPath"/>, with the antiforgery token
    /// found inside that very form (so a form that forgets its token fails the test), and the given fields (which may repeat).
    /// </summary>
    public static async Task<HttpResponseMessage> PostFieldsAsync(
        this HttpClient client, string formPath, string postPath, params (string Name, string Value)[] fields)
    {
        var html = await client.GetPageAsync(formPath);
        return await client.PostWithTokenAsync(WebTestHelpers.ReadFormToken(html, formPath, postPath), postPath, fields);
    }

    /// <summary>Posts to an address no form on the page offers (a tampered request), with a valid token taken from <paramref name="tokenPath"/>.</summary>
    public static async Task<HttpResponseMessage> PostUnofferedAsync(
        this HttpClient client, string tokenPath, string postPath, params (string Name, string Value)[] fields) =>
        await client.PostWithTokenAsync(await client.GetAntiforgeryTokenAsync(tokenPath), postPath, fields);

    private static Task<HttpResponseMessage> PostWithTokenAsync(this HttpClient client, string token, string postPath, (string Name, string Value)[] fields)
    {
        var body = fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))
            .Append(new("__RequestVerificationToken", token));
        return client.PostAsync(postPath, new FormUrlEncodedContent(body));
    }

    /// <summary>Creates a user (without roles: 三员分立) through the page as a signed-in administrator and returns the one-time password shown.</summary>
    public static async Task<string> CreateThroughPageAsync(this HttpClient admin, string userName, string displayName, int? departmentId)
    {
        var fields = new List<(string, string)>
        {
            ("Input.UserName", userName),
            ("Input.DisplayName", displayName),
            ("Input.DepartmentId", departmentId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? ""),
        };
        var response = await admin.PostFieldsAsync("/admin/users/new", "/admin/users/new", [.. fields]);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        return ReadOneTimePassword(await response.Content.ReadAsStringAsync());
    }

    public static string ReadOneTimePassword(string html)
    {
        var match = OneTimePassword().Match(html);
        match.Success.Should().BeTrue("the page should show the one-time password");
        return match.Groups[1].Value;
    }

    public static string? ConcurrencyStampInput(string html)
    {
        var match = StampInput().Match(html);
        return match.Success ? WebUtility.HtmlDecode(match.Groups[1].Value) : null;
    }

    public static Task<ApplicationUser> FindUserAsync(this EduPlanWebFactory factory, string userName) =>
        factory.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.UserName == userName));

    /// <summary>Changes a stored user directly (not through the pages), e.g. to set up a lockout.</summary>
    public static Task ChangeUserAsync(this EduPlanWebFactory factory, string userName, Action<ApplicationUser> change) =>
        factory.WithDbAsync(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.UserName == userName);
            change(user);
            return await db.SaveChangesAsync();
        });

    public static Task<List<string>> RolesOfAsync(this EduPlanWebFactory factory, string userName) =>
        factory.WithDbAsync(db => (
                from u in db.Users
                where u.UserName == userName
                join ur in db.UserRoles on u.Id equals ur.UserId
                join r in db.Roles on ur.RoleId equals r.Id
                orderby r.Name
                select r.Name!)
            .ToListAsync());

    /// <summary>403, either at once or through the access-denied page the cookie handler redirects to.</summary>
    public static async Task ShouldBeForbiddenAsync(this HttpResponseMessage response, HttpClient client, string what)
    {
        if (response.StatusCode == HttpStatusCode.Forbidden)
        {
            return;
        }

        response.StatusCode.Should().Be(HttpStatusCode.Redirect, $"{what} must not be allowed");
        var location = new Uri(new Uri("http://localhost"), response.Headers.Location!);
        location.AbsolutePath.Should().Be("/account/access-denied", $"{what} is forbidden, not a sign-in matter");
        (await client.GetAsync(location.PathAndQuery)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    /// <summary>The path of a redirect, whether the app wrote it absolute or relative.</summary>
    public static string RedirectPath(this HttpResponseMessage response) =>
        new Uri(new Uri("http://localhost"), response.Headers.Location!).AbsolutePath;

    [GeneratedRegex("id=\"one-time-password\"[^>]*>([^<]+)<")]
    private static partial Regex OneTimePassword();

    [GeneratedRegex("<input[^>]*name=\"Input.ConcurrencyStamp\"[^>]*value=\"([^\"]*)\"")]
    private static partial Regex StampInput();
}
