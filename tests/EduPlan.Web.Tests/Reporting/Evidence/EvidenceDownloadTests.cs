using System.Net;
using System.Security.Cryptography;
using System.Text;
using EduPlan.Application.Security;
using EduPlan.Core.Reporting;
using Microsoft.EntityFrameworkCore;

namespace EduPlan.Web.Tests.Reporting.Evidence;

/// <summary>The app with a reporter of 市教委 (who owns the reports here), a reporter of 市财政局, a viewer and a coordinator.</summary>
public sealed class EvidenceApp : EduPlanWebFactory, IAsyncLifetime
{
    public const string Password = "Reporter-Passw0rd!";

    public int Education { get; private set; }

    public async Task InitializeAsync()
    {
        await CreateUserAsync("edu.reporter", Password, [Roles.Reporter], "市教委");
        await CreateUserAsync("fin.reporter", Password, [Roles.Reporter], "市财政局");
        await CreateUserAsync("plain.viewer", Password, [Roles.Viewer]);
        await CreateUserAsync("the.coordinator", Password, [Roles.Coordinator]);
        Education = await EnsureDepartmentAsync("市教委");
    }

    Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;

    public async Task<HttpClient> SignedInAsync(string userName)
    {
        var client = CreateBrowser();
        var response = await client.SignInAsync(userName, Password);
        response.StatusCode.Should().Be(HttpStatusCode.Redirect, $"{userName} should sign in");
        return client;
    }

    /// <summary>A 市教委 report (each on its own task, so reports never collide) holding one file and one link.</summary>
    public Task<StoredReport> AddReportAsync(ReportState state, string fileName, string contentType, byte[] bytes) => WithDbAsync(async db =>
    {
        var usedTasks = await db.ProgressReports.Select(r => r.TaskId).ToListAsync();
        var taskId = await db.Tasks.Where(t => !usedTasks.Contains(t.Id)).OrderBy(t => t.Id).Select(t => t.Id).FirstAsync();
        var now = DateTime.UtcNow;
        var file = new ReportEvidence
        {
            Kind = EvidenceKind.File,
            Title = fileName,
            ContentType = contentType,
            Length = bytes.Length,
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes)),
            Content = new EvidenceContent { Bytes = bytes },
            AddedAt = now,
            AddedByName = "edu.reporter",
        };
        var link = new ReportEvidence { Kind = EvidenceKind.Link, Title = "通知", Url = "https://jw.cq.gov.cn/", AddedAt = now, AddedByName = "edu.reporter" };
        var report = new ProgressReport
        {
            TaskId = taskId,
            DepartmentId = Education,
            Year = 2026,
            QuarterNumber = 3,
            State = state,
            Status = ReportStatus.OnTrack,
            Percent = 60,
            Progress = "草稿内容：教共体覆盖率达到86%",
            CreatedAt = now,
            UpdatedAt = now,
            UpdatedByName = "edu.reporter",
            Evidence = [file, link],
        };
        db.ProgressReports.Add(report);
        await db.SaveChangesAsync();
        return new StoredReport(report.Id, file.Id, link.Id);
    });

    public Task SetStateAsync(int reportId, ReportState state) =>
        WithDbAsync(db => db.ProgressReports.Where(r => r.Id == reportId).ExecuteUpdateAsync(s => s.SetProperty(r => r.State, state)));
}

public sealed record StoredReport(int Id, int FileId, int LinkId)
{
    public string FilePath => $"/reports/{Id}/evidence/{FileId}";
}

public sealed class EvidenceDownloadTests(EvidenceApp app) : IClassFixture<EvidenceApp>
{
    private const string FileName = "2026年第三季度 工作总结.pdf";

    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n");

    [Fact]
    public async Task A_reporter_of_the_owning_department_downloads_a_drafts_file_as_an_attachment_with_its_chinese_name()
    {
        var report = await app.AddReportAsync(ReportState.Draft, FileName, "application/pdf", Pdf);
        var reporter = await app.SignedInAsync("edu.reporter");

        var response = await reporter.GetAsync(report.FilePath);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsByteArrayAsync()).Should().Equal(Pdf);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/pdf");
        response.Content.Headers.ContentLength.Should().Be(Pdf.Length);
        var disposition = response.Content.Headers.ContentDisposition!;
        disposition.DispositionType.Should().Be("attachment");
        disposition.FileNameStar.Should().Be(FileName);
        disposition.ToString().Should().Contain("filename*=UTF-8''2026%E5%B9%B4");
        response.Headers.GetValues("X-Content-Type-Options").Should().Equal("nosniff");
        response.Headers.CacheControl!.NoStore.Should().BeTrue();
        response.Headers.CacheControl.Private.Should().BeTrue();
    }

    [Fact]
    public async Task A_reporter_of_another_department_is_refused_a_drafts_file_even_by_guessed_ids_until_it_is_approved()
    {
        var report = await app.AddReportAsync(ReportState.Draft, "方案.pdf", "application/pdf", Pdf);
        var outsider = await app.SignedInAsync("fin.reporter");

        foreach (var path in new[] { report.FilePath, $"/reports/{report.Id}/evidence/{report.FileId + 1}", $"/reports/{report.Id}/evidence/{report.LinkId}" })
        {
            var refused = await outsider.GetAsync(path);
            refused.StatusCode.Should().Be(HttpStatusCode.Forbidden, path);
            var page = WebTestHelpers.Decoded(await refused.Content.ReadAsStringAsync());
            page.Should().Contain("该报告尚未审核通过，只有填报单位和审核人员可以查看其证明材料")
                .And.NotContain("方案.pdf").And.NotContain("%PDF").And.NotContain("教共体覆盖率");
            refused.Content.Headers.ContentDisposition.Should().BeNull();
        }

        foreach (var state in new[] { ReportState.Submitted, ReportState.Returned })
        {
            await app.SetStateAsync(report.Id, state);
            (await outsider.GetAsync(report.FilePath)).StatusCode.Should().Be(HttpStatusCode.Forbidden, $"a {state} report is not public");
        }

        await app.SetStateAsync(report.Id, ReportState.Approved);
        var approved = await outsider.GetAsync(report.FilePath);
        approved.StatusCode.Should().Be(HttpStatusCode.OK);
        (await approved.Content.ReadAsByteArrayAsync()).Should().Equal(Pdf);
    }

    [Fact]
    public async Task A_viewer_gets_an_approved_reports_file_only()
    {
        var png = new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0 };
        var report = await app.AddReportAsync(ReportState.Submitted, "现场照片.png", "image/png", png);
        var viewer = await app.SignedInAsync("plain.viewer");

        (await viewer.GetAsync(report.FilePath)).StatusCode.Should().Be(HttpStatusCode.Forbidden);

        await app.SetStateAsync(report.Id, ReportState.Approved);
        var response = await viewer.GetAsync(report.FilePath);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsByteArrayAsync()).Should().Equal(png);
        response.Content.Headers.ContentType!.MediaType.Should().Be("image/png");
        // Even an image is saved, not shown inline in the portal's origin.
        response.Content.Headers.ContentDisposition!.DispositionType.Should().Be("attachment");
    }

    [Fact]
    public async Task A_coordinator_downloads_any_departments_draft_file()
    {
        var report = await app.AddReportAsync(ReportState.Draft, "统计表.pdf", "application/pdf", Pdf);
        var coordinator = await app.SignedInAsync("the.coordinator");

        var response = await coordinator.GetAsync(report.FilePath);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsByteArrayAsync()).Should().Equal(Pdf);
    }

    [Fact]
    public async Task Unknown_reports_unknown_files_other_reports_files_and_links_are_not_found()
    {
        var report = await app.AddReportAsync(ReportState.Approved, "a.pdf", "application/pdf", Pdf);
        var other = await app.AddReportAsync(ReportState.Approved, "b.pdf", "application/pdf", Pdf);
        var reporter = await app.SignedInAsync("edu.reporter");

        foreach (var path in new[]
        {
            $"/reports/{other.Id + 1000}/evidence/{report.FileId}",
            $"/reports/{report.Id}/evidence/{report.FileId + 1000}",
            $"/reports/{report.Id}/evidence/{other.FileId}",
            $"/reports/{report.Id}/evidence/{report.LinkId}",
        })
        {
            var response = await reporter.GetAsync(path);
            response.StatusCode.Should().Be(HttpStatusCode.NotFound, path);
            response.Content.Headers.ContentDisposition.Should().BeNull();
        }

        (await reporter.GetAsync(report.FilePath)).StatusCode.Should().Be(HttpStatusCode.OK, "the ids above were wrong, not the access");
    }

    [Fact]
    public async Task An_anonymous_visitor_is_sent_to_sign_in_without_the_file()
    {
        var report = await app.AddReportAsync(ReportState.Approved, "公开.pdf", "application/pdf", Pdf);

        var response = await app.CreateBrowser().GetAsync(report.FilePath);

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.Should().Contain("/account/login");
    }
}
