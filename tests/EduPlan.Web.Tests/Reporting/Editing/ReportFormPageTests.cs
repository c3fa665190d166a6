using System.Net;
using EduPlan.Application.Auditing;
using EduPlan.Core.Reporting;
using EduPlan.Web.Tests.Ownership;
using Microsoft.EntityFrameworkCore;

namespace EduPlan.Web.Tests.Reporting.Editing;

/// <summary>The report form through HTTP: a reporter saves and submits; refusals say why; every field is checked; evidence and conflicts lose nothing typed.</summary>
public sealed class ReportFormPageTests : IAsyncLifetime
{
    private ReportFormApp app = null!;

    public async Task InitializeAsync() => app = await ReportFormApp.StartAsync();

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task A_reporter_saves_a_draft_then_submits_it_and_the_submission_is_audited()
    {
        var client = await app.ReporterAsync("edu-writer", "市教委");
        var html = await client.GetPageAsync(app.FormPath);
        var page = WebTestHelpers.Decoded(html);
        page.Should().Contain("2026年第三季度填报截止于2026-10-15").And.Contain("还剩35天").And.Contain("教共体覆盖率").And.Contain("≥");
        html.Should().Contain("enctype=\"multipart/form-data\"").And.Contain("maxlength=\"4000\"")
            .And.Contain("accept=\".pdf,.doc,.docx,.xls,.xlsx,.jpg,.jpeg,.png\"").And.Contain("/js/report-form.js");
        page.Should().Contain("不超过10 MB");

        var fields = ReportFormApp.Filled(html, app.FormPath, progress: "第一段进展\r\n第二段进展").Set("Indicators[0].Value", "86.5").Set("intent", "save");
        var saved = await client.PostMultipartAsync(html, app.FormPath, app.FormPath, fields);

        saved.StatusCode.Should().Be(HttpStatusCode.Redirect);
        saved.Headers.Location!.OriginalString.Should().Be(app.FormPath);
        var afterSave = await client.GetPageAsync(app.FormPath);
        WebTestHelpers.Decoded(afterSave).Should().Contain("已保存草稿").And.Contain("第一段进展\n第二段进展");
        var draft = (await app.ReportAsync("市教委"))!;
        draft.State.Should().Be(ReportState.Draft);
        draft.Progress.Should().Be("第一段进展\n第二段进展");
        draft.IndicatorValues.Should().ContainSingle().Which.Value.Should().Be(86.5m);
        (await app.AuditAsync(AuditActions.ReportSubmitted)).Should().BeEmpty();

        var submitted = await client.PostMultipartAsync(afterSave, app.FormPath, app.FormPath,
            MultipartForms.ReadFields(afterSave, app.FormPath).Set("intent", "submit"));

        submitted.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var afterSubmit = WebTestHelpers.Decoded(await client.GetPageAsync(app.FormPath));
        afterSubmit.Should().Contain("已提交审核，等待统筹协调人员审核").And.Contain("该报告已提交，正在等待审核");
        afterSubmit.Should().NotContain("name=\"intent\"", "a submitted report is shown read-only");
        var report = (await app.ReportAsync("市教委"))!;
        report.State.Should().Be(ReportState.Submitted);
        report.Revision.Should().Be(2);
        var entry = (await app.AuditAsync(AuditActions.ReportSubmitted)).Should().ContainSingle().Which;
        entry.ActorName.Should().Be("edu-writer");
        entry.TargetName.Should().Be("chongqing#10 2026Q3 市教委");
    }

    [Fact]
    public async Task A_co_department_reporter_fills_in_its_own_report()
    {
        var client = await app.ReporterAsync("fin-writer", "市财政局");

        var response = await client.PostMultipartFormAsync(app.FormPath, app.FormPath,
            ReportFormApp.Filled(await client.GetPageAsync(app.FormPath), app.FormPath, progress: "拨付资金3亿元").Set("intent", "save"));

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await app.ReportAsync("市财政局"))!.Progress.Should().Be("拨付资金3亿元");
        (await app.ReportAsync("市教委")).Should().BeNull();
    }

    [Fact]
    public async Task Another_departments_reporter_gets_403_on_get_and_post_also_for_guessed_ids_and_never_sees_the_draft()
    {
        var owner = await app.ReporterAsync("edu-writer", "市教委");
        await owner.PostMultipartFormAsync(app.FormPath, app.FormPath,
            ReportFormApp.Filled(await owner.GetPageAsync(app.FormPath), app.FormPath, progress: "内部草稿：尚未公开的进展").Set("intent", "save"));
        var stranger = await app.ReporterAsync("sci-writer", "市科技局");
        var token = await stranger.GetAntiforgeryTokenAsync("/account/change-password");
        var guessed = new[] { app.TaskId, await app.TaskIdAsync("chongqing", 9), await app.TaskIdAsync("national", 1) };

        foreach (var taskId in guessed)
        {
            var path = $"/my/tasks/{taskId}/2026Q3";
            var get = await stranger.GetAsync(path);
            get.StatusCode.Should().Be(HttpStatusCode.Forbidden, path);
            var body = WebTestHelpers.Decoded(await get.Content.ReadAsStringAsync());
            body.Should().Contain("本任务不属于您所在单位").And.NotContain("内部草稿");

            using var form = new MultipartFormDataContent
            {
                { new StringContent(token), "__RequestVerificationToken" },
                { new StringContent("OnTrack"), "Status" },
                { new StringContent("10"), "Percent" },
                { new StringContent("冒充填报"), "Progress" },
                { new StringContent("save"), "intent" },
            };
            var post = await stranger.PostAsync(path, form);
            post.StatusCode.Should().Be(HttpStatusCode.Forbidden, path);
            WebTestHelpers.Decoded(await post.Content.ReadAsStringAsync()).Should().Contain("本任务不属于您所在单位");
        }

        (await app.ReportAsync("市科技局")).Should().BeNull();
        (await app.ReportAsync("市教委"))!.Progress.Should().Be("内部草稿：尚未公开的进展");
        (await app.AuditAsync(AuditActions.AccessDenied)).Should().HaveCount(2 * guessed.Length);
        (await stranger.GetAsync("/my/tasks/999999/2026Q3")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("2026Q5")]
    [InlineData("1999Q1")]
    [InlineData("2036Q1")]
    [InlineData("latest")]
    public async Task A_quarter_that_is_not_a_reporting_quarter_is_not_found(string quarter)
    {
        var client = await app.ReporterAsync("edu-writer", "市教委");

        (await client.GetAsync($"/my/tasks/{app.TaskId}/{quarter}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Another_role_without_reporter_is_refused_by_the_policy()
    {
        var viewer = await app.SignedInAsync("viewer-one", [EduPlan.Application.Security.Roles.Viewer], "市教委");

        (await viewer.IsForbiddenAsync(app.FormPath)).Should().BeTrue();
    }

    [Theory]
    [InlineData("Percent", "150", "完成进度须为0到100之间的整数")]
    [InlineData("Percent", "-1", "完成进度须为0到100之间的整数")]
    [InlineData("Percent", "", "请填写完成进度（0到100之间的整数）")]
    [InlineData("Status", "", "请选择任务状态")]
    [InlineData("Status", "Finished", "任务状态无效，请从未启动、按计划推进、存在风险、进度滞后、已完成中选择")]
    [InlineData("Indicators[0].Value", "120", "“教共体覆盖率”是百分比，须在0到100之间")]
    [InlineData("Indicators[0].Value", "约九成", "“教共体覆盖率”须填写数字")]
    [InlineData("Indicators[0].Note", "@501", "“教共体覆盖率”的说明不能超过500字（现为501字）")]
    [InlineData("Progress", "@4001", "本季度进展不能超过4000字（现为4001字）")]
    [InlineData("Problems", "@4001", "存在问题不能超过4000字（现为4001字）")]
    [InlineData("NextSteps", "@4001", "下一步计划不能超过4000字（现为4001字）")]
    public async Task Each_field_is_checked_the_error_shows_next_to_it_and_everything_typed_is_kept(string field, string value, string message)
    {
        var client = await app.ReporterAsync("edu-writer", "市教委");
        var html = await client.GetPageAsync(app.FormPath);
        var typed = value.StartsWith('@') ? new string('字', int.Parse(value[1..], System.Globalization.CultureInfo.InvariantCulture)) : value;
        var fields = ReportFormApp.Filled(html, app.FormPath, progress: field == "Progress" ? typed : "已写好的进展，不能丢")
            .Set("NextSteps", field == "NextSteps" ? typed : "下季度完成复核")
            .Set(field, typed)
            .Set("intent", "save");

        var response = await client.PostMultipartAsync(html, app.FormPath, app.FormPath, fields);

        response.StatusCode.Should().Be((HttpStatusCode)422);
        var page = await response.Content.ReadAsStringAsync();
        OwnershipTestKit.FieldMessage(page, field).Should().Be(message);
        var shown = MultipartForms.ReadFields(page, app.FormPath);
        shown.Value(field == "Status" ? "Percent" : field).Should().Be(field == "Status" ? "60" : typed, "what was typed is shown back");
        shown.Value("NextSteps").Should().Be(field == "NextSteps" ? typed : "下季度完成复核");
        if (field != "Progress")
        {
            shown.Value("Progress").Should().Be("已写好的进展，不能丢");
        }

        (await app.ReportAsync("市教委")).Should().BeNull("nothing is written while anything is wrong");
    }

    [Fact]
    public async Task Submitting_without_progress_is_refused_next_to_the_field_but_a_draft_may_leave_it_empty()
    {
        var client = await app.ReporterAsync("edu-writer", "市教委");
        var html = await client.GetPageAsync(app.FormPath);

        var submit = await client.PostMultipartAsync(html, app.FormPath, app.FormPath, ReportFormApp.Filled(html, app.FormPath, progress: "").Set("intent", "submit"));
        submit.StatusCode.Should().Be((HttpStatusCode)422);
        OwnershipTestKit.FieldMessage(await submit.Content.ReadAsStringAsync(), "Progress").Should().Be("提交审核前请填写本季度进展");

        var draft = await client.PostMultipartAsync(html, app.FormPath, app.FormPath, ReportFormApp.Filled(html, app.FormPath, progress: "").Set("intent", "save"));
        draft.StatusCode.Should().Be(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task A_script_typed_into_progress_is_shown_as_text_never_as_markup()
    {
        const string script = "<script>alert(1)</script>";
        var client = await app.ReporterAsync("edu-writer", "市教委");
        var html = await client.GetPageAsync(app.FormPath);

        // Shown back beside an error…
        var invalid = await client.PostMultipartAsync(html, app.FormPath, app.FormPath,
            ReportFormApp.Filled(html, app.FormPath, progress: script, percent: "150").Set("intent", "save"));
        var invalidPage = await invalid.Content.ReadAsStringAsync();
        invalidPage.Should().NotContain(script).And.Contain("&lt;script&gt;alert(1)&lt;/script&gt;");

        // …and after it is saved and submitted (read-only).
        await client.PostMultipartAsync(html, app.FormPath, app.FormPath, ReportFormApp.Filled(html, app.FormPath, progress: script).Set("intent", "submit"));
        (await app.ReportAsync("市教委"))!.Progress.Should().Be(script, "it is stored as typed");
        var shown = await client.GetPageAsync(app.FormPath);
        shown.Should().NotContain(script).And.Contain("&lt;script&gt;alert(1)&lt;/script&gt;");
    }

    [Fact]
    public async Task A_renamed_program_is_refused_as_evidence_and_the_typed_text_is_kept()
    {
        var client = await app.ReporterAsync("edu-writer", "市教委");
        var html = await client.GetPageAsync(app.FormPath);

        var response = await client.PostMultipartAsync(html, app.FormPath, app.FormPath,
            ReportFormApp.Filled(html, app.FormPath, progress: "附上督导报告").Set("intent", "save"),
            new MultipartFile("EvidenceFile", "report.pdf", ReportFormApp.Program(), "application/pdf"));

        response.StatusCode.Should().Be((HttpStatusCode)422);
        var page = await response.Content.ReadAsStringAsync();
        OwnershipTestKit.FieldMessage(page, "EvidenceFile").Should().Contain("report.pdf").And.Contain("不是允许的类型");
        MultipartForms.ReadFields(page, app.FormPath).Value("Progress").Should().Be("附上督导报告");
        (await app.ReportAsync("市教委")).Should().BeNull();
        (await app.WithDbAsync(db => db.ReportEvidence.CountAsync())).Should().Be(0);
    }

    [Fact]
    public async Task A_form_error_says_at_the_top_that_the_chosen_file_was_not_kept_and_must_be_chosen_again()
    {
        var client = await app.ReporterAsync("edu-writer", "市教委");
        var html = await client.GetPageAsync(app.FormPath);

        var response = await client.PostMultipartAsync(html, app.FormPath, app.FormPath,
            ReportFormApp.Filled(html, app.FormPath, percent: "百分之六十").Set("intent", "save"),
            new MultipartFile("EvidenceFile", "督导报告.pdf", ReportFormApp.Pdf(), "application/pdf"));

        response.StatusCode.Should().Be((HttpStatusCode)422);
        var page = WebTestHelpers.Decoded(await response.Content.ReadAsStringAsync());
        var summary = System.Text.RegularExpressions.Regex.Match(page, "<div class=\"alert alert-danger error-summary\".*?</div>", System.Text.RegularExpressions.RegexOptions.Singleline).Value;
        summary.Should().Contain("<a href=\"#EvidenceFile\" class=\"alert-link fw-normal\">文件“督导报告.pdf”没有保存，请重新选择后再保存。</a>",
            "the error summary is what the reporter reads first; the file input cannot be filled in again by the page");
        (await app.WithDbAsync(db => db.ReportEvidence.CountAsync())).Should().Be(0);
    }

    [Fact]
    public async Task An_empty_file_is_refused_saying_it_is_empty_instead_of_being_dropped()
    {
        var client = await app.ReporterAsync("edu-writer", "市教委");
        var html = await client.GetPageAsync(app.FormPath);

        var response = await client.PostMultipartAsync(html, app.FormPath, app.FormPath,
            ReportFormApp.Filled(html, app.FormPath, progress: "附上督导报告").Set("intent", "save"),
            new MultipartFile("EvidenceFile", "空白.pdf", [], "application/pdf"));

        response.StatusCode.Should().Be((HttpStatusCode)422);
        var page = await response.Content.ReadAsStringAsync();
        OwnershipTestKit.FieldMessage(page, "EvidenceFile").Should().Be("文件“空白.pdf”是空文件，不能上传");
        MultipartForms.ReadFields(page, app.FormPath).Value("Progress").Should().Be("附上督导报告");
        (await app.ReportAsync("市教委")).Should().BeNull();
    }

    [Fact]
    public async Task A_jpeg_header_followed_by_html_is_refused_as_evidence()
    {
        var client = await app.ReporterAsync("edu-writer", "市教委");
        var html = await client.GetPageAsync(app.FormPath);
        byte[] polyglot = [0xFF, 0xD8, 0xFF, 0xE0, .. "<html><script>alert(1)</script></html>"u8.ToArray()];

        var response = await client.PostMultipartAsync(html, app.FormPath, app.FormPath,
            ReportFormApp.Filled(html, app.FormPath).Set("intent", "save"),
            new MultipartFile("EvidenceFile", "现场.jpg", polyglot, "image/jpeg"));

        response.StatusCode.Should().Be((HttpStatusCode)422);
        OwnershipTestKit.FieldMessage(await response.Content.ReadAsStringAsync(), "EvidenceFile").Should().Contain("不是一张完整的图片");
        (await app.WithDbAsync(db => db.ReportEvidence.CountAsync())).Should().Be(0);
    }

    [Fact]
    public async Task A_file_over_10_MB_is_refused_beside_the_file_field_and_the_typed_text_is_kept()
    {
        var client = await app.ReporterAsync("edu-writer", "市教委");
        var html = await client.GetPageAsync(app.FormPath);
        var large = new byte[(10 * 1024 * 1024) + 1];
        ReportFormApp.Pdf().CopyTo(large, 0);

        var response = await client.PostMultipartAsync(html, app.FormPath, app.FormPath,
            ReportFormApp.Filled(html, app.FormPath, progress: "附上扫描件").Set("intent", "save"),
            new MultipartFile("EvidenceFile", "扫描件.pdf", large, "application/pdf"));

        response.StatusCode.Should().Be((HttpStatusCode)422);
        var page = await response.Content.ReadAsStringAsync();
        OwnershipTestKit.FieldMessage(page, "EvidenceFile").Should().Be("文件“扫描件.pdf”超过10 MB，不能上传");
        MultipartForms.ReadFields(page, app.FormPath).Value("Progress").Should().Be("附上扫描件");
        (await app.ReportAsync("市教委")).Should().BeNull();
    }

    [Fact]
    public async Task A_file_and_a_link_are_added_with_the_text_in_one_post_and_removed_with_a_button()
    {
        var client = await app.ReporterAsync("edu-writer", "市教委");
        var html = await client.GetPageAsync(app.FormPath);
        var fields = ReportFormApp.Filled(html, app.FormPath, progress: "附件见下")
            .Set("EvidenceLinkTitle", "市教委通知")
            .Set("EvidenceLinkUrl", "https://jw.cq.gov.cn/notice/1")
            .Set("intent", "save");

        var added = await client.PostMultipartAsync(html, app.FormPath, app.FormPath, fields,
            new MultipartFile("EvidenceFile", "督导报告.pdf", ReportFormApp.Pdf(), "application/pdf"));

        added.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var report = (await app.ReportAsync("市教委"))!;
        report.Progress.Should().Be("附件见下");
        report.Evidence.Select(e => e.Title).Should().BeEquivalentTo("督导报告.pdf", "市教委通知");
        var file = report.Evidence.Single(e => e.Kind == EvidenceKind.File);
        var page = await client.GetPageAsync(app.FormPath);
        page.Should().Contain($"/reports/{report.Id}/evidence/{file.Id}").And.Contain("https://jw.cq.gov.cn/notice/1");
        page.Should().Contain($"name=\"removeEvidence\" value=\"{file.Id}\"");

        // The remove button posts the whole form: the text typed meanwhile is saved with the removal.
        var removal = MultipartForms.ReadFields(page, app.FormPath).Set("Progress", "附件已更新").Set("removeEvidence", file.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var removed = await client.PostMultipartAsync(page, app.FormPath, app.FormPath, removal);

        removed.StatusCode.Should().Be(HttpStatusCode.Redirect);
        report = (await app.ReportAsync("市教委"))!;
        report.Progress.Should().Be("附件已更新");
        report.State.Should().Be(ReportState.Draft);
        report.Evidence.Should().ContainSingle().Which.Title.Should().Be("市教委通知");
    }

    [Fact]
    public async Task Two_concurrent_saves_give_one_conflict_page_with_both_versions_and_lose_no_text()
    {
        var first = await app.ReporterAsync("edu-writer", "市教委");
        var second = await app.ReporterAsync("edu-writer2", "市教委");
        var created = await first.GetPageAsync(app.FormPath);
        (await first.PostMultipartAsync(created, app.FormPath, app.FormPath, ReportFormApp.Filled(created, app.FormPath, progress: "初稿").Set("intent", "save")))
            .StatusCode.Should().Be(HttpStatusCode.Redirect);
        // Both open the saved draft.
        var firstPage = await first.GetPageAsync(app.FormPath);
        var secondPage = await second.GetPageAsync(app.FormPath);

        var firstSave = await first.PostMultipartAsync(firstPage, app.FormPath, app.FormPath,
            ReportFormApp.Filled(firstPage, app.FormPath, progress: "张三：完成12个区县复核").Set("intent", "save"));
        var secondSave = await second.PostMultipartAsync(secondPage, app.FormPath, app.FormPath,
            ReportFormApp.Filled(secondPage, app.FormPath, progress: "李四：新增3个教共体").Set("intent", "save"));

        firstSave.StatusCode.Should().Be(HttpStatusCode.Redirect);
        secondSave.StatusCode.Should().Be(HttpStatusCode.Conflict);
        var conflict = WebTestHelpers.Decoded(await secondSave.Content.ReadAsStringAsync());
        conflict.Should().Contain("保存冲突").And.Contain("张三：完成12个区县复核").And.Contain("李四：新增3个教共体").And.Contain("edu-writer");
        (await app.ReportAsync("市教委"))!.Progress.Should().Be("张三：完成12个区县复核", "the first save is intact");

        // Saving over it is a conscious second step, made from the conflict page with the current revision.
        var conflictHtml = await secondSave.Content.ReadAsStringAsync();
        var mine = MultipartForms.ReadFields(conflictHtml, app.FormPath);
        mine.Value("Revision").Should().Be("2", "the revision of the version saved first");
        mine.Value("Progress").Should().Be("李四：新增3个教共体");
        var over = await second.PostMultipartAsync(conflictHtml, app.FormPath, app.FormPath, mine.Set("intent", "save"));

        over.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await app.ReportAsync("市教委"))!.Progress.Should().Be("李四：新增3个教共体");
        var history = await app.WithDbAsync(db => db.ReportRevisions.AsNoTracking().OrderBy(r => r.Number).Select(r => r.ActorName).ToListAsync());
        history.Should().Equal("edu-writer", "edu-writer", "edu-writer2");
    }

    [Fact]
    public async Task A_returned_report_shows_the_coordinators_comment_and_highlights_the_field_it_points_at()
    {
        var client = await app.ReporterAsync("edu-writer", "市教委");
        var html = await client.GetPageAsync(app.FormPath);
        await client.PostMultipartAsync(html, app.FormPath, app.FormPath, ReportFormApp.Filled(html, app.FormPath).Set("intent", "submit"));
        await app.WithDbAsync(async db =>
        {
            var report = await db.ProgressReports.SingleAsync();
            report.State = ReportState.Returned;
            report.ReviewComment = "请补充通过复核的区县名单";
            report.ReviewField = "Progress";
            report.Revision++;
            return await db.SaveChangesAsync();
        });

        var page = await client.GetPageAsync(app.FormPath);

        WebTestHelpers.Decoded(page).Should().Contain("请补充通过复核的区县名单").And.Contain("意见所指：本季度进展");
        page.Should().MatchRegex("class=\"[^\"]*review-target[^\"]*\" id=\"field-Progress\"");
        page.Should().Contain("name=\"intent\" value=\"submit\"", "a returned report can be corrected and submitted again");
    }

    [Fact]
    public async Task A_new_quarter_is_pre_filled_from_the_departments_previous_report()
    {
        await app.WithDbAsync(async db =>
        {
            var education = await db.Departments.SingleAsync(d => d.ShortName == "市教委");
            db.ProgressReports.Add(new ProgressReport
            {
                TaskId = app.TaskId,
                DepartmentId = education.Id,
                Year = 2026,
                QuarterNumber = 2,
                State = ReportState.Approved,
                Status = ReportStatus.AtRisk,
                Percent = 45,
                Progress = "二季度的进展",
                NextSteps = "三季度完成复核",
                UpdatedByName = "seed",
                IndicatorValues = [new ReportIndicatorValue { IndicatorId = app.CoverageIndicatorId, Value = 82.5m }],
            });
            return await db.SaveChangesAsync();
        });
        var client = await app.ReporterAsync("edu-writer", "市教委");

        var page = await client.GetPageAsync(app.FormPath);

        WebTestHelpers.Decoded(page).Should().Contain("已根据2026年第二季度的报告预先填入").And.Contain("2026年第二季度审核通过：45%");
        var fields = MultipartForms.ReadFields(page, app.FormPath);
        fields.Value("Status").Should().Be("AtRisk");
        fields.Value("Percent").Should().Be("45");
        fields.Value("NextSteps").Should().Be("三季度完成复核");
        fields.Value("Indicators[0].Value").Should().Be("82.5");
        fields.Value("Progress").Should().BeEmpty();
    }
}
