using System.Net;
using System.Text.RegularExpressions;
using EduPlan.Application.Auditing;
using EduPlan.Core.Auditing;
using EduPlan.Data.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EduPlan.Web.Tests.Security;

/// <summary>What the security tests share: reading cookies, the audit log and the log files, editing users directly.</summary>
public static partial class SecurityTestKit
{
    public const string AuthCookieName = "EduPlan.Auth";

    /// <summary>A password that meets the rules and contains none of the test user names.</summary>
    public const string Password = "Correct-Horse-42";

    /// <summary>A fixed moment for the fake clock, so the tests read the same whatever day they run.</summary>
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 0, 30, 0, TimeSpan.Zero);

    /// <summary>The page with the token value blanked, so two answers can be compared byte for byte.</summary>
    public static string WithoutAntiforgeryToken(string html) =>
        TokenValue().Replace(html, "$1");

    /// <summary>The value of the sign-in cookie a response sets, or null when it sets none.</summary>
    public static string? AuthCookie(HttpResponseMessage response) =>
        SetCookies(response).Select(c => AuthCookieValue().Match(c)).Where(m => m.Success).Select(m => m.Groups[1].Value).FirstOrDefault();

    public static IEnumerable<string> SetCookies(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [];

    public static Task<List<AuditEntry>> AuditAsync(this EduPlanWebFactory factory) =>
        factory.WithDbAsync(db => db.AuditEntries.AsNoTracking().OrderBy(e => e.Id).ToListAsync());

    public static string ReadLogs(this EduPlanWebFactory factory) =>
        string.Concat(Directory.GetFiles(factory.LogDirectory, "eduplan-*.log").Select(path =>
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd();
        }));

    /// <summary>Changes a user through UserManager, as the admin pages do, and saves it.</summary>
    public static async Task UpdateUserAsync(this EduPlanWebFactory factory, string userName, Func<UserManager<ApplicationUser>, ApplicationUser, Task> change)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = await users.FindByNameAsync(userName) ?? throw new InvalidOperationException($"No user {userName}");
        await change(users, user);
        var saved = await users.UpdateAsync(user);
        saved.Succeeded.Should().BeTrue(string.Join("; ", saved.Errors.Select(e => e.Code)));
    }

    public static Task<ApplicationUser> FindUserAsync(this EduPlanWebFactory factory, string userName) =>
        factory.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.UserName == userName));

    /// <summary>Signs in and checks that it worked.</summary>
    public static async Task<HttpResponseMessage> SignInOkAsync(this HttpClient client, string userName, string password = Password)
    {
        var response = await client.SignInAsync(userName, password);
        response.StatusCode.Should().Be(HttpStatusCode.Redirect, $"{userName} should sign in");
        return response;
    }

    /// <summary>True when the request was answered as for an anonymous visitor: a redirect to the sign-in page.</summary>
    public static async Task<bool> IsSentToSignInAsync(this HttpClient client, string path = "/")
    {
        using var response = await client.GetAsync(path);
        return response.StatusCode == HttpStatusCode.Redirect
            && response.Headers.Location!.AbsolutePath() == "/account/login";
    }

    /// <summary>The path of a redirect, whether the app wrote it absolute (challenges) or relative.</summary>
    /// <summary>True when a copy of <paramref name="cookie"/>, sent by a client that never signed in, is sent to sign in.</summary>
    public static async Task<bool> IsReplayRefusedAsync(this EduPlanWebFactory factory, string cookie)
    {
        using var stranger = factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        stranger.DefaultRequestHeaders.Add("Cookie", $"{AuthCookieName}={cookie}");
        return await stranger.IsSentToSignInAsync();
    }

    public static string AbsolutePath(this Uri location) =>
        (location.IsAbsoluteUri ? location : new Uri(new Uri("http://localhost"), location)).AbsolutePath;

    [GeneratedRegex("(name=\"__RequestVerificationToken\" type=\"hidden\" value=\")[^\"]*")]
    private static partial Regex TokenValue();

    [GeneratedRegex("^EduPlan\\.Auth=([^;]+)")]
    private static partial Regex AuthCookieValue();
}
