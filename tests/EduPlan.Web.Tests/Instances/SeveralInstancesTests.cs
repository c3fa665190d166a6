using System.Net;
using System.Text.RegularExpressions;
using EduPlan.Core.Reporting;
using EduPlan.Tests;
using EduPlan.Web.Tests.Ownership;
using EduPlan.Web.Tests.Reporting.Editing;
using Microsoft.EntityFrameworkCore;

namespace EduPlan.Web.Tests.Instances;

/// <summary>
/// Two portal processes on one database, as behind a load balancer: a sign-in, a save and a conflict cross from one to
/// the other; two started at the same moment on an empty database both come up; SIGKILL in the middle of a burst of
/// saves loses nothing that was confirmed and leaves no half-written report.
/// </summary>
[Collection(PortalProcesses.Name)]
public sealed partial class SeveralInstancesTests
{
    [Fact]
    public async Task A_sign_in_on_one_instance_is_valid_on_the_other_and_a_save_on_one_is_seen_on_the_other_at_once()
    {
        await using var database = await SharedDatabase.ReadiedAsync();
        var (first, second) = await StartTwoAsync(database);
        await using var _ = first;
        await using var __ = second;
        var cookies = new CookieContainer();
        using var onFirst = first.Browser(cookies);
        using var onSecond = second.Browser(cookies);

        (await onFirst.SignInAsync(SharedDatabase.ReporterA, OwnershipTestKit.Password)).StatusCode.Should().Be(HttpStatusCode.Redirect);
        var form = database.FormPath(database.TaskIds[0]);
        var html = await onSecond.GetPageAsync(form);

        var saved = await onSecond.PostMultipartAsync(html, form, form, ReportFormApp.Filled(html, form, progress: "第二个实例上保存的进展").Set("intent", "save"));
        saved.StatusCode.Should().Be(HttpStatusCode.Redirect, "the cookie signed by the first instance is read by the second (keys in the database)");

        var seen = WebTestHelpers.Decoded(await onFirst.GetPageAsync(form));
        seen.Should().Contain("第二个实例上保存的进展", "the first instance reads the database, not a cache of its own");
    }

    [Fact]
    public async Task A_conflict_across_instances_is_detected_as_within_one()
    {
        await using var database = await SharedDatabase.ReadiedAsync();
        var (first, second) = await StartTwoAsync(database);
        await using var _ = first;
        await using var __ = second;
        using var a = first.Browser();
        using var b = second.Browser();
        (await a.SignInAsync(SharedDatabase.ReporterA, OwnershipTestKit.Password)).StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await b.SignInAsync(SharedDatabase.ReporterB, OwnershipTestKit.Password)).StatusCode.Should().Be(HttpStatusCode.Redirect);
        var form = database.FormPath(database.TaskIds[0]);
        var draft = await a.GetPageAsync(form);
        (await a.PostMultipartAsync(draft, form, form, ReportFormApp.Filled(draft, form, progress: "初稿").Set("intent", "save"))).StatusCode.Should().Be(HttpStatusCode.Redirect);

        var pageA = await a.GetPageAsync(form);
        var pageB = await b.GetPageAsync(form);
        var saveA = await a.PostMultipartAsync(pageA, form, form, ReportFormApp.Filled(pageA, form, progress: "甲在第一个实例上的修改").Set("intent", "save"));
        var saveB = await b.PostMultipartAsync(pageB, form, form, ReportFormApp.Filled(pageB, form, progress: "乙在第二个实例上的修改").Set("intent", "save"));

        saveA.StatusCode.Should().Be(HttpStatusCode.Redirect);
        saveB.StatusCode.Should().Be(HttpStatusCode.Conflict);
        WebTestHelpers.Decoded(await saveB.Content.ReadAsStringAsync())
            .Should().Contain("保存冲突").And.Contain("甲在第一个实例上的修改").And.Contain("乙在第二个实例上的修改");
        (await database.QueryAsync(db => db.ProgressReports.Select(r => r.Progress).SingleAsync())).Should().Be("甲在第一个实例上的修改");
    }

    [Fact]
    public async Task Two_instances_started_at_the_same_moment_on_an_empty_database_both_come_up_healthy()
    {
        await using var database = SharedDatabase.Empty();

        var (first, second) = await StartTwoAsync(database);
        await using var _ = first;
        await using var __ = second;

        (await database.QueryAsync(db => db.Plans.CountAsync())).Should().Be(2);
        (await database.QueryAsync(db => db.Tasks.CountAsync())).Should().Be(81);
        (await database.QueryAsync(db => db.Users.CountAsync(u => u.UserName == "admin"))).Should().Be(1);
        (await database.QueryAsync(db => db.Users.CountAsync(u => u.UserName == "secadmin"))).Should().Be(1, "the first security administrator is made once too");
        (await database.QueryAsync(db => db.Roles.CountAsync())).Should().Be(EduPlan.Application.Security.Roles.All.Count);
        // Each instance logs to its console and its file; either shows what it imported.
        var imports = new[] { first, second }.Sum(p => Math.Max(ImportLines().Count(p.Output), ImportLines().Count(ReadLogs(p))));
        imports.Should().Be(1, "one instance imports the seeds; the other waits for the start-up lease and finds them there");
        using var client = second.Browser();
        await client.SignInAsAdminAsync();
        (await DatabaseIntegrity.CheckAsync(database.Settings)).Should().BeEmpty();
    }

    [Fact]
    public async Task Killing_the_portal_in_the_middle_of_a_burst_of_report_saves_leaves_every_report_whole()
    {
        await using var database = await SharedDatabase.ReadiedAsync();
        var portal = PortalProcess.Start(database.Settings, Path.Combine(database.Folder, "killed"));
        await portal.WaitHealthyAsync();
        var confirmed = new System.Collections.Concurrent.ConcurrentBag<(int Task, string Progress)>();
        using var stop = new CancellationTokenSource();

        // Eight writers, one task each: create the report, then keep saving and submitting new versions of it.
        var writers = database.TaskIds.Select((taskId, i) => Task.Run(async () =>
        {
            using var client = portal.Browser();
            try
            {
                (await client.SignInAsync(i % 2 == 0 ? SharedDatabase.ReporterA : SharedDatabase.ReporterB, OwnershipTestKit.Password)).StatusCode.Should().Be(HttpStatusCode.Redirect);
                var form = database.FormPath(taskId);
                for (var n = 0; !stop.IsCancellationRequested; n++)
                {
                    var html = await client.GetPageAsync(form);
                    if (html.Contains("该报告已提交", StringComparison.Ordinal))
                    {
                        return;
                    }

                    var progress = $"任务{taskId}第{n}次保存";
                    var intent = n == 5 ? "submit" : "save";
                    var response = await client.PostMultipartAsync(html, form, form, ReportFormApp.Filled(html, form, progress: progress).Set("intent", intent));
                    if (response.StatusCode == HttpStatusCode.Redirect)
                    {
                        confirmed.Add((taskId, progress));
                    }
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
            {
                // The process was killed under this request.
            }
        })).ToList();

        // Kill once the burst is well under way: every writer has had saves confirmed, and more are in flight.
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (confirmed.Count < 2 * database.TaskIds.Count && waited.Elapsed < TimeSpan.FromSeconds(90) && !writers.All(w => w.IsCompleted))
        {
            await Task.Delay(50);
        }

        await Task.Delay(Random.Shared.Next(100, 400));
        portal.Kill();
        await stop.CancelAsync();
        await Task.WhenAll(writers);
        await portal.DisposeAsync();

        confirmed.Should().NotBeEmpty("the burst ran before the kill");
        (await DatabaseIntegrity.CheckAsync(database.Settings)).Should().BeEmpty();
        var stored = await database.QueryAsync(db => db.ProgressReports.Select(r => new { r.TaskId, r.Progress, r.State }).ToListAsync());
        foreach (var group in confirmed.GroupBy(c => c.Task))
        {
            var report = stored.Should().ContainSingle(r => r.TaskId == group.Key).Subject;
            var saves = group.Select(c => c.Progress).ToList();
            // The last confirmed save is stored, or a later one whose answer the kill cut off.
            var number = int.Parse(NumberOf().Match(report.Progress).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            number.Should().BeGreaterThanOrEqualTo(saves.Max(s => int.Parse(NumberOf().Match(s).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)));
        }

        // The portal starts again on the same database and serves it.
        await using var restarted = PortalProcess.Start(database.Settings, Path.Combine(database.Folder, "restarted"));
        await restarted.WaitHealthyAsync();
        using var reader = restarted.Browser();
        (await reader.SignInAsync(SharedDatabase.ReporterA, OwnershipTestKit.Password)).StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await reader.GetAsync(database.FormPath(database.TaskIds[0]))).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    /// <summary>Two portal processes started at the same moment on the database, once both are healthy.</summary>
    private static async Task<(PortalProcess First, PortalProcess Second)> StartTwoAsync(SharedDatabase database)
    {
        var first = PortalProcess.Start(database.Settings, Path.Combine(database.Folder, "first"));
        var second = PortalProcess.Start(database.Settings, Path.Combine(database.Folder, "second"));
        try
        {
            await Task.WhenAll(first.WaitHealthyAsync(), second.WaitHealthyAsync());
            return (first, second);
        }
        catch
        {
            await first.DisposeAsync();
            await second.DisposeAsync();
            throw;
        }
    }

    private static string ReadLogs(PortalProcess portal)
    {
        var folder = Path.Combine(portal.Folder, "logs");
        return Directory.Exists(folder)
            ? string.Concat(Directory.GetFiles(folder).Select(f =>
            {
                using var stream = new FileStream(f, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
                return new StreamReader(stream).ReadToEnd();
            }))
            : "";
    }

    [GeneratedRegex("Imported seed plan chongqing")]
    private static partial Regex ImportLines();

    [GeneratedRegex(@"第(\d+)次保存")]
    private static partial Regex NumberOf();
}

/// <summary>The tests that start portal processes run one after another: each process takes a core while it starts.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class PortalProcesses
{
    public const string Name = "Portal processes";
}
