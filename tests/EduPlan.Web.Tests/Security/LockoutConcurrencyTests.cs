using System.Net;
using EduPlan.Application.Auditing;
using Microsoft.EntityFrameworkCore;

namespace EduPlan.Web.Tests.Security;

/// <summary>Parallel guesses never get more password checks than the lockout allows (ASVS 2.2.1).</summary>
public sealed class LockoutConcurrencyTests
{
    [Fact]
    public async Task Twenty_parallel_wrong_passwords_check_only_five()
    {
        using var app = new EduPlanWebFactory();
        const string userName = "parallel-guess";
        const string password = "Right-Passw0rd-789";
        await app.CreateUserAsync(userName, password, []);
        var clients = Enumerable.Range(0, 20).Select(_ => app.CreateBrowser()).ToList();
        // Each client fetches its form first, so that the twenty POSTs are what runs at the same time.
        var forms = await Task.WhenAll(clients.Select(async c => (Client: c, Token: await c.GetAntiforgeryTokenAsync("/account/login"))));

        var answers = await Task.WhenAll(forms.Select((f, i) => f.Client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = userName,
            ["Password"] = "Wrong-Passw0rd-" + i,
            ["__RequestVerificationToken"] = f.Token,
        }))));

        answers.Should().OnlyContain(a => a.StatusCode == HttpStatusCode.OK, "every guess gets the form again");
        var failures = await app.WithDbAsync(db => db.AuditEntries
            .Where(e => e.Action == AuditActions.SignInFailed && e.ActorName == userName)
            .Select(e => e.Details!)
            .ToListAsync());
        failures.Should().HaveCount(20);
        failures.Count(d => d.Contains("WrongPassword", StringComparison.Ordinal)).Should().Be(5, "only five passwords may be checked");
        failures.Count(d => d.Contains("LockedOut", StringComparison.Ordinal)).Should().Be(15);
        (await app.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == AuditActions.LockedOut && e.ActorName == userName)))
            .Should().Be(1, "the account is locked once");

        using var owner = app.CreateBrowser();
        (await owner.SignInAsync(userName, password)).StatusCode.Should().Be(HttpStatusCode.OK, "the right password waits for the lockout to end");
        foreach (var client in clients)
        {
            client.Dispose();
        }
    }

    [Fact]
    public async Task After_the_lockout_the_count_starts_again_and_a_right_password_clears_it()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        using var app = new EduPlanWebFactory { Clock = clock };
        const string userName = "after-lockout";
        const string password = "Right-Passw0rd-790";
        await app.CreateUserAsync(userName, password, []);
        using var client = app.CreateBrowser();
        for (var i = 0; i < 5; i++)
        {
            await client.SignInAsync(userName, "Wrong-Passw0rd-" + i);
        }

        clock.Advance(TimeSpan.FromMinutes(16));
        for (var i = 0; i < 4; i++)
        {
            (await client.SignInAsync(userName, "Wrong-Again-" + i)).StatusCode.Should().Be(HttpStatusCode.OK);
        }

        (await client.SignInAsync(userName, password)).StatusCode.Should().Be(HttpStatusCode.Redirect, "four failures after the lockout leave one try");
        (await app.WithDbAsync(db => db.Users.SingleAsync(u => u.UserName == userName))).AccessFailedCount.Should().Be(0);
    }
}
