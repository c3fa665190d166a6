using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using EduPlan.Application.Auditing;
using EduPlan.Core.Auditing;
using Microsoft.EntityFrameworkCore;

namespace EduPlan.Web.Tests.Ownership;

/// <summary>What the department and ownership page tests share: role users, forbidden checks, uploads, the audit log.</summary>
public static partial class OwnershipTestKit
{
    /// <summary>Meets the password rules and contains none of the test user names.</summary>
    public const string Password = "Reporter-Passw0rd!";

    /// <summary>A client signed in as a new user with these roles (and department, by short name).</summary>
    public static async Task<HttpClient> SignedInAsync(this EduPlanWebFactory factory, string userName, string[] roles, string? department = null)
    {
        await factory.CreateUserAsync(userName, Password, roles, department);
        var client = factory.CreateBrowser();
        var response = await client.SignInAsync(userName, Password);
        response.StatusCode.Should().Be(HttpStatusCode.Redirect, $"{userName} should sign in");
        return client;
    }

    public static async Task<HttpClient> AdminAsync(this EduPlanWebFactory factory)
    {
        var client = factory.CreateBrowser();
        await client.SignInAsAdminAsync();
        return client;
    }

    public static async Task<HttpClient> SecurityAdminAsync(this EduPlanWebFactory factory)
    {
        var client = factory.CreateBrowser();
        await client.SignInAsSecurityAdminAsync();
        return client;
    }

    /// <summary>Whether the request was refused for lack of a role: 403, or the redirect to the access-denied page (which answers 403).</summary>
    public static async Task<bool> IsForbiddenAsync(this HttpClient client, HttpRequestMessage request)
    {
        using var response = await client.SendAsync(request);
        if (response.StatusCode == HttpStatusCode.Forbidden)
        {
            return true;
        }

        if (response.StatusCode != HttpStatusCode.Redirect || response.Headers.Location is not { } location)
        {
            return false;
        }

        var path = (location.IsAbsoluteUri ? location : new Uri(new Uri("http://localhost"), location)).AbsolutePath;
        if (path != "/account/access-denied")
        {
            return false;
        }

        using var page = await client.GetAsync(location);
        return page.StatusCode == HttpStatusCode.Forbidden;
    }

    public static Task<bool> IsForbiddenAsync(this HttpClient client, string path) =>
        client.IsForbiddenAsync(new HttpRequestMessage(HttpMethod.Get, path));

    /// <summary>Follows one redirect and returns the page it leads to.</summary>
    public static async Task<string> FollowAsync(this HttpClient client, HttpResponseMessage response)
    {
        response.StatusCode.Should().Be(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        return await client.GetPageAsync(response.Headers.Location!.OriginalString);
    }

    /// <summary>Uploads a file to /ownership/import the way the form does (multipart, with its antiforgery token).</summary>
    public static async Task<HttpResponseMessage> UploadAsync(this HttpClient client, byte[] content, string fileName, bool dryRun = false)
    {
        var token = await client.GetAntiforgeryTokenAsync("/ownership/import");
        using var form = new MultipartFormDataContent();
        form.Add(new StringContent(token), "__RequestVerificationToken");
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", fileName);
        if (dryRun)
        {
            form.Add(new StringContent("true"), "dryRun");
        }

        return await client.PostAsync("/ownership/import", form);
    }

    public static Task<List<AuditEntry>> AuditAsync(this EduPlanWebFactory factory, string action) =>
        factory.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(e => e.Action == action).OrderBy(e => e.Id).ToListAsync());

    /// <summary>The value of the (first) input named <paramref name="name"/> in the page.</summary>
    public static string InputValue(string html, string name)
    {
        var input = Regex.Match(html, $"<input[^>]*name=\"{Regex.Escape(name)}\"[^>]*>");
        input.Success.Should().BeTrue($"the page should have an input {name}");
        return ValueAttribute().Match(input.Value).Groups[1].Value;
    }

    /// <summary>The text of the validation message shown next to a field.</summary>
    public static string FieldMessage(string html, string field)
    {
        var match = Regex.Match(html, $"<span[^>]*data-valmsg-for=\"{Regex.Escape(field)}\"[^>]*>(.*?)</span>", RegexOptions.Singleline);
        match.Success.Should().BeTrue($"the page should have a message slot for {field}");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    /// <summary>The HTML of the table row with this id (e.g. task-9).</summary>
    public static string Row(string html, string id)
    {
        var match = Regex.Match(html, $"<tr id=\"{Regex.Escape(id)}\".*?</tr>", RegexOptions.Singleline);
        match.Success.Should().BeTrue($"the page should have the row {id}");
        return WebUtility.HtmlDecode(match.Value);
    }

    [GeneratedRegex("value=\"([^\"]*)\"")]
    private static partial Regex ValueAttribute();
}
