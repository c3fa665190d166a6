using System.Net;
using EduPlan.Core.Reporting;

namespace EduPlan.Web.Tests.Reporting.Editing;

/// <summary>The report form at the deadline: open on its last evening, refused with the exact sentence a few minutes later.</summary>
public sealed class LockedQuarterTests : IAsyncLifetime
{
    private ReportFormApp app = null!;

    public async Task InitializeAsync() => app = await ReportFormApp.StartAsync(new DateTime(2026, 10, 15, 23, 50, 0));

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task A_form_opened_before_the_deadline_and_posted_after_it_is_refused_with_the_reason_and_the_text_shown_back()
    {
        var client = await app.ReporterAsync("edu-writer", "市教委");
        var html = await client.GetPageAsync(app.FormPath);
        WebTestHelpers.Decoded(html).Should().Contain("今天是最后一天");
        app.Clock!.Advance(TimeSpan.FromMinutes(15));

        var response = await client.PostMultipartAsync(html, app.FormPath, app.FormPath,
            ReportFormApp.Filled(html, app.FormPath, progress: "截止后才写完的进展").Set("intent", "submit"));

        response.StatusCode.Should().Be(HttpStatusCode.Conflict);
        var page = WebTestHelpers.Decoded(await response.Content.ReadAsStringAsync());
        page.Should().Contain("截止后才写完的进展");
        Occurrences(page, "2026年第三季度已于2026-10-15截止填报").Should().Be(1, "the closed quarter is said once, in the banner");
        (await app.ReportAsync("市教委")).Should().BeNull();

        var shown = WebTestHelpers.Decoded(await client.GetPageAsync(app.FormPath));
        Occurrences(shown, "2026年第三季度已于2026-10-15截止填报").Should().Be(1, "the closed quarter is said once, in the banner");
        shown.Should().NotContain("name=\"intent\"", "a closed quarter is shown read-only");
    }

    [Fact]
    public async Task An_approved_report_is_read_only_with_its_reason()
    {
        await app.WithDbAsync(async db =>
        {
            var education = db.Departments.Single(d => d.ShortName == "市教委");
            db.ProgressReports.Add(new ProgressReport
            {
                TaskId = app.TaskId,
                DepartmentId = education.Id,
                Year = 2026,
                QuarterNumber = 3,
                State = ReportState.Approved,
                Status = ReportStatus.OnTrack,
                Percent = 70,
                Progress = "已审核通过的进展",
                UpdatedByName = "seed",
                Revision = 3,
            });
            return await db.SaveChangesAsync();
        });
        var client = await app.ReporterAsync("edu-writer", "市教委");

        var page = WebTestHelpers.Decoded(await client.GetPageAsync(app.FormPath));

        page.Should().Contain("该报告已审核通过").And.Contain("已审核通过的进展");
        page.Should().NotContain("name=\"intent\"");
    }

    private static int Occurrences(string html, string text) =>
        (html.Length - html.Replace(text, "", StringComparison.Ordinal).Length) / text.Length;
}
