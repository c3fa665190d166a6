using EduPlan.Application;
using EduPlan.Application.Reporting.Evidence;
using EduPlan.Core.Reporting;
using EduPlan.Tests.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EduPlan.Application.Tests.Reporting.Evidence;

public class EvidenceDownloadsTests : IAsyncLifetime
{
    private readonly ReportingDatabase database = new();

    public Task InitializeAsync() => database.InitializeAsync();

    public Task DisposeAsync() => database.DisposeAsync();

    [Fact]
    public async Task A_file_read_from_an_upload_keeps_its_bytes_through_the_database()
    {
        var docx = EvidenceSamples.Docx();
        var (reportId, evidenceId) = await AddReportWithFileAsync(ReportState.Draft, "工作方案.docx", docx);

        var download = await FindAsync(reportId, evidenceId, new ReportViewer(false, database.Education));

        download.Kind.Should().Be(ResultKind.Saved);
        download.Value!.FileName.Should().Be("工作方案.docx");
        download.Value.ContentType.Should().Be("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
        download.Value.Bytes.Should().Equal(docx);
        var stored = await database.QueryAsync(db => db.ReportEvidence.AsNoTracking().SingleAsync(e => e.Id == evidenceId));
        stored.Length.Should().Be(docx.Length);
        stored.Sha256.Should().HaveLength(64);
        stored.ReportId.Should().Be(reportId);
    }

    public static TheoryData<string, ReportState, ResultKind> Viewers() => new()
    {
        { "coordinator", ReportState.Draft, ResultKind.Saved },
        { "coordinator", ReportState.Submitted, ResultKind.Saved },
        { "owner", ReportState.Draft, ResultKind.Saved },
        { "owner", ReportState.Returned, ResultKind.Saved },
        { "other department", ReportState.Draft, ResultKind.Forbidden },
        { "other department", ReportState.Submitted, ResultKind.Forbidden },
        { "other department", ReportState.Returned, ResultKind.Forbidden },
        { "other department", ReportState.Approved, ResultKind.Saved },
        { "viewer", ReportState.Draft, ResultKind.Forbidden },
        { "viewer", ReportState.Submitted, ResultKind.Forbidden },
        { "viewer", ReportState.Approved, ResultKind.Saved },
    };

    [Theory]
    [MemberData(nameof(Viewers))]
    public async Task Sends_the_file_only_to_those_who_may_read_the_report(string viewerKind, ReportState state, ResultKind expected)
    {
        var png = EvidenceSamples.Png();
        var (reportId, evidenceId) = await AddReportWithFileAsync(state, "现场照片.png", png);
        var viewer = viewerKind switch
        {
            "coordinator" => new ReportViewer(true, null),
            "owner" => new ReportViewer(false, database.Education),
            "other department" => new ReportViewer(false, database.Finance),
            _ => ReportViewer.Public,
        };

        var download = await FindAsync(reportId, evidenceId, viewer);

        download.Kind.Should().Be(expected);
        if (expected == ResultKind.Saved)
        {
            download.Value!.Bytes.Should().Equal(png);
            download.Value.ContentType.Should().Be("image/png");
            download.Reason.Should().BeNull();
        }
        else
        {
            download.Value.Should().BeNull("a refused reader gets none of the file");
            download.Reason.Should().Be("该报告尚未审核通过，只有填报单位和审核人员可以查看其证明材料");
        }
    }

    [Fact]
    public async Task Refuses_a_draft_without_reading_any_file_even_for_a_guessed_evidence_id()
    {
        var (reportId, evidenceId) = await AddReportWithFileAsync(ReportState.Draft, "a.pdf", EvidenceSamples.Pdf());
        var log = new CommandLog();
        var outsider = new ReportViewer(false, database.Finance);

        var known = await FindAsync(reportId, evidenceId, outsider, log);
        var guessed = await FindAsync(reportId, evidenceId + 1000, outsider, log);

        known.Kind.Should().Be(ResultKind.Forbidden);
        guessed.Kind.Should().Be(ResultKind.Forbidden);
        log.Commands.Should().NotBeEmpty().And.NotContain(c => c.Contains("EvidenceContents") || c.Contains("ReportEvidence"));
    }

    [Fact]
    public async Task Finds_nothing_for_an_unknown_report_or_evidence_of_another_report_or_a_link()
    {
        var (reportId, evidenceId) = await AddReportWithFileAsync(ReportState.Approved, "a.pdf", EvidenceSamples.Pdf());
        var (otherReportId, _) = await AddReportWithFileAsync(ReportState.Approved, "b.pdf", EvidenceSamples.Pdf(), departmentId: database.Finance);
        var linkId = await database.QueryAsync(async db =>
        {
            var report = await db.ProgressReports.SingleAsync(r => r.Id == reportId);
            var link = new ReportEvidence { Kind = EvidenceKind.Link, Title = "通知", Url = "https://www.gov.cn/", AddedByName = "张三" };
            report.Evidence.Add(link);
            await db.SaveChangesAsync();
            return link.Id;
        });
        var coordinator = new ReportViewer(true, null);

        (await FindAsync(reportId + 1000, evidenceId, coordinator)).Kind.Should().Be(ResultKind.NotFound);
        (await FindAsync(otherReportId, evidenceId, coordinator)).Kind.Should().Be(ResultKind.NotFound);
        (await FindAsync(reportId, linkId, coordinator)).Kind.Should().Be(ResultKind.NotFound);
        (await FindAsync(reportId, evidenceId, coordinator)).Kind.Should().Be(ResultKind.Saved);
    }

    private Task<Result<EvidenceFile>> FindAsync(int reportId, int evidenceId, ReportViewer viewer, CommandLog? log = null) =>
        log is null
            ? database.Use(s => new EvidenceDownloads(s.Db).FindAsync(reportId, evidenceId, viewer))
            : database.Use(s => new EvidenceDownloads(s.Db).FindAsync(reportId, evidenceId, viewer), null, log);

    /// <summary>A report of the seeded task in 2026Q3 with one file read by the store, as the report form adds it.</summary>
    private async Task<(int ReportId, int EvidenceId)> AddReportWithFileAsync(ReportState state, string fileName, byte[] bytes, int? departmentId = null)
    {
        var store = new EvidenceStore(Options.Create(database.Options), database.Data.Clock);
        var read = await store.ReadFileAsync(fileName, new MemoryStream(bytes), "张三");
        read.Succeeded.Should().BeTrue(read.Error?.ToString());
        return await database.QueryAsync(async db =>
        {
            var now = database.Data.Clock.GetUtcNow().UtcDateTime;
            var report = new ProgressReport
            {
                TaskId = database.TaskId,
                DepartmentId = departmentId ?? database.Education,
                Year = 2026,
                QuarterNumber = 3,
                State = state,
                Status = ReportStatus.OnTrack,
                Percent = 40,
                Progress = "已完成年度任务的40%",
                CreatedAt = now,
                UpdatedAt = now,
                UpdatedByName = "张三",
            };
            report.Evidence.Add(read.Evidence!);
            db.ProgressReports.Add(report);
            await db.SaveChangesAsync();
            return (report.Id, read.Evidence!.Id);
        });
    }
}
