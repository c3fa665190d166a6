using System.Net;
using EduPlan.Application.Auditing;
using EduPlan.Application.Security;
using EduPlan.Core.Reporting;
using EduPlan.Web.Tests.Ownership;
using EduPlan.Web.Tests.Reporting.Editing;
using Microsoft.EntityFrameworkCore;

namespace EduPlan.Web.Tests.Reporting.Review2;

/// <summary>
/// A reviewer's attempts to break quarterly reporting through real requests: other departments' records by guessed
/// ids, tampered form fields, periods, the workflow and text shown back. Each test either proves a protection holds
/// or shows a bug (and fails until it is fixed).
/// </summary>
public sealed class ReportingAttackTests : IAsyncLifetime
{
    private ReportFormApp app = null!;

    public async Task InitializeAsync() => app = await ReportFormApp.StartAsync();

    public async Task DisposeAsync() => await app.DisposeAsync();

    private async Task<HttpResponseMessage> SaveAsync(HttpClient client, string progress, string intent = "save", Action<List<KeyValuePair<string, string>>>? change = null, params MultipartFile[] files)
    {
        var html = await client.GetPageAsync(app.FormPath);
        var fields = ReportFormApp.Filled(html, app.FormPath, progress: progress).Set("intent", intent);
        change?.Invoke(fields);
        return await client.PostMultipartAsync(html, app.FormPath, app.FormPath, fields, files);
    }

    private Task<int> ReportIdAsync(string department) =>
        app.WithDbAsync(db => db.ProgressReports.Where(r => r.TaskId == app.TaskId && r.Department!.ShortName == department).Select(r => r.Id).SingleAsync());

    private Task<int> RevisionAsync(int reportId) =>
        app.WithDbAsync(db => db.ProgressReports.Where(r => r.Id == reportId).Select(r => r.Revision).SingleAsync());

    /// <summary>A hand-made approve (the queue offers no form for a report that is not submitted).</summary>
    private async Task<HttpResponseMessage> ApproveAsync(HttpClient coordinator, int reportId) =>
        await coordinator.PostUnofferedAsync("/review", $"/review/{reportId}/approve",
            new Dictionary<string, string> { ["revision"] = (await RevisionAsync(reportId)).ToString(System.Globalization.CultureInfo.InvariantCulture) });

    /// <summary>A hand-made post of the report form (for when the page shows no form), with a token of this user.</summary>
    private static async Task<HttpResponseMessage> PostRawAsync(HttpClient client, string path, params (string Name, string Value)[] fields)
    {
        var token = await client.GetAntiforgeryTokenAsync("/account/change-password");
        using var form = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" } };
        foreach (var (name, value) in fields)
        {
            form.Add(new StringContent(value), name);
        }

        return await client.PostAsync(path, form);
    }

    [Fact]
    public async Task Remove_evidence_ids_of_another_departments_report_posted_in_your_own_form_remove_nothing()
    {
        var finance = await app.ReporterAsync("fin-writer", "市财政局");
        (await SaveAsync(finance, "财政局草稿", files: new MultipartFile("EvidenceFile", "拨款文件.pdf", ReportFormApp.Pdf(), "application/pdf")))
            .StatusCode.Should().Be(HttpStatusCode.Redirect);
        var theirEvidence = (await app.ReportAsync("市财政局"))!.Evidence.Single().Id;
        var education = await app.ReporterAsync("edu-writer", "市教委");
        (await SaveAsync(education, "教委草稿")).StatusCode.Should().Be(HttpStatusCode.Redirect);

        var viaButton = await SaveAsync(education, "教委草稿二", change: f => f.Set("removeEvidence", theirEvidence.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var viaList = await SaveAsync(education, "教委草稿三", change: f => f.Set("RemoveEvidenceIds", theirEvidence.ToString(System.Globalization.CultureInfo.InvariantCulture)));

        viaButton.StatusCode.Should().Be(HttpStatusCode.Redirect);
        viaList.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await app.ReportAsync("市财政局"))!.Evidence.Should().ContainSingle().Which.Id.Should().Be(theirEvidence);
        var download = await finance.GetAsync($"/reports/{await ReportIdAsync("市财政局")}/evidence/{theirEvidence}");
        download.StatusCode.Should().Be(HttpStatusCode.OK, "the other department's file is still there");
    }

    [Fact]
    public async Task Evidence_of_another_departments_draft_is_refused_by_its_report_id_and_not_found_under_your_own()
    {
        var finance = await app.ReporterAsync("fin-writer", "市财政局");
        await SaveAsync(finance, "财政局草稿", files: new MultipartFile("EvidenceFile", "内部拨款.pdf", ReportFormApp.Pdf(), "application/pdf"));
        var theirReport = await ReportIdAsync("市财政局");
        var theirEvidence = (await app.ReportAsync("市财政局"))!.Evidence.Single().Id;
        var education = await app.ReporterAsync("edu-writer", "市教委");
        await SaveAsync(education, "教委草稿");
        var ownReport = await ReportIdAsync("市教委");
        var viewer = await app.SignedInAsync("viewer", [Roles.Viewer]);

        (await education.GetAsync($"/reports/{theirReport}/evidence/{theirEvidence}")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await education.GetAsync($"/reports/{ownReport}/evidence/{theirEvidence}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await viewer.GetAsync($"/reports/{theirReport}/evidence/{theirEvidence}")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_value_posted_for_an_indicator_not_linked_to_the_task_is_not_stored()
    {
        var education = await app.ReporterAsync("edu-writer", "市教委");
        var other = await app.WithDbAsync(db => db.Indicators.Where(i => i.Id != app.CoverageIndicatorId && i.TaskId != app.TaskId).Select(i => i.Id).FirstAsync());

        var response = await SaveAsync(education, "篡改指标", change: f => f
            .Set("Indicators[0].IndicatorId", other.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Set("Indicators[0].Value", "55")
            .Set("Indicators[1].IndicatorId", other.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Set("Indicators[1].Value", "66"));

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var report = (await app.ReportAsync("市教委"))!;
        report.IndicatorValues.Should().NotContain(v => v.IndicatorId == other);
    }

    [Fact]
    public async Task Fields_not_in_the_form_are_not_bound_and_a_tampered_revision_is_a_conflict_that_saves_nothing()
    {
        var education = await app.ReporterAsync("edu-writer", "市教委");

        var overPosted = await SaveAsync(education, "过度提交", change: f => f
            .Set("State", "Approved").Set("ApprovedByName", "hacker").Set("DepartmentId", "999").Set("ReviewComment", "x").Set("TaskId", "1"));
        overPosted.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var saved = (await app.ReportAsync("市教委"))!;
        saved.State.Should().Be(ReportState.Draft);
        saved.ApprovedByName.Should().BeNull();
        saved.ReviewComment.Should().BeNull();

        var tampered = await SaveAsync(education, "未来版本", change: f => f.Set("Revision", "99"));
        tampered.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await app.ReportAsync("市教委"))!.Progress.Should().Be("过度提交");
    }

    [Fact]
    public async Task The_workflow_refuses_double_submit_resubmitting_an_approved_report_approving_a_draft_and_reporters_reviewing()
    {
        var education = await app.ReporterAsync("edu-writer", "市教委");
        var coordinator = await app.SignedInAsync("coord", [Roles.Coordinator]);
        await SaveAsync(education, "草稿");
        var id = await ReportIdAsync("市教委");

        (await ApproveAsync(coordinator, id)).StatusCode.Should().Be(HttpStatusCode.Conflict, "a draft cannot be approved");
        (await app.ReportAsync("市教委"))!.State.Should().Be(ReportState.Draft);

        // Two tabs with the same form both press submit.
        var html = await education.GetPageAsync(app.FormPath);
        var fields = MultipartForms.ReadFields(html, app.FormPath).Set("intent", "submit");
        (await education.PostMultipartAsync(html, app.FormPath, app.FormPath, fields)).StatusCode.Should().Be(HttpStatusCode.Redirect);
        var second = await education.PostMultipartAsync(html, app.FormPath, app.FormPath, fields);
        second.StatusCode.Should().Be(HttpStatusCode.Conflict);
        WebTestHelpers.Decoded(await second.Content.ReadAsStringAsync()).Should().Contain("该报告已提交，正在等待审核");
        (await app.AuditAsync(AuditActions.ReportSubmitted)).Should().ContainSingle();

        foreach (var step in new[] { "approve", "return", "reopen" })
        {
            var token = await education.GetAntiforgeryTokenAsync("/account/change-password");
            var post = new HttpRequestMessage(HttpMethod.Post, $"/review/{id}/{step}")
            {
                Content = new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["__RequestVerificationToken"] = token,
                    ["revision"] = "2",
                    ["comment"] = "自己审自己",
                    ["reason"] = "自己重开",
                }),
            };
            (await education.IsForbiddenAsync(post)).Should().BeTrue(step);
        }

        (await app.ReportAsync("市教委"))!.State.Should().Be(ReportState.Submitted);

        (await ApproveAsync(coordinator, id)).StatusCode.Should().Be(HttpStatusCode.Redirect);
        var resubmit = await PostRawAsync(education, app.FormPath, ("Status", "OnTrack"), ("Percent", "60"), ("Progress", "通过后再提交"),
            ("Revision", (await RevisionAsync(id)).ToString(System.Globalization.CultureInfo.InvariantCulture)), ("intent", "submit"));
        resubmit.StatusCode.Should().Be(HttpStatusCode.Conflict);
        WebTestHelpers.Decoded(await resubmit.Content.ReadAsStringAsync()).Should().Contain("该报告已审核通过");
        (await app.ReportAsync("市教委"))!.Progress.Should().Be("草稿");

        // A coordinator (not a reporter) cannot write a report.
        (await coordinator.IsForbiddenAsync(app.FormPath)).Should().BeTrue();
    }

    [Fact]
    public async Task Posts_without_an_antiforgery_token_are_refused_on_the_form_and_the_review_steps()
    {
        var education = await app.ReporterAsync("edu-writer", "市教委");
        var coordinator = await app.SignedInAsync("coord", [Roles.Coordinator]);
        await SaveAsync(education, "草稿", intent: "submit");
        var id = await ReportIdAsync("市教委");

        using var form = new MultipartFormDataContent { { new StringContent("OnTrack"), "Status" }, { new StringContent("10"), "Percent" }, { new StringContent("无令牌"), "Progress" } };
        (await education.PostAsync(app.FormPath, form)).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var approve = await coordinator.PostAsync($"/review/{id}/approve", new FormUrlEncodedContent(new Dictionary<string, string> { ["revision"] = "2" }));
        approve.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await app.ReportAsync("市教委"))!.State.Should().Be(ReportState.Submitted);
    }

    [Fact]
    public async Task After_the_deadline_a_draft_cannot_be_saved_and_another_departments_exception_does_not_open_it()
    {
        var early = await app.ReporterAsync("edu-writer", "市教委");
        await SaveAsync(early, "截止前的草稿");
        var revision = (await app.ReportAsync("市教委"))!.Revision;
        app.Clock!.SetUtcNow(ReportFormApp.ChinaTime(new DateTime(2026, 10, 16, 9, 0, 0)));
        // Signed in after the clock moved, so the sessions are fresh.
        var education = await app.ReporterAsync("edu-writer2", "市教委");
        var finance = await app.ReporterAsync("fin-writer", "市财政局");
        var coordinator = await app.SignedInAsync("coord", [Roles.Coordinator]);
        var financeId = await app.EnsureDepartmentAsync("市财政局");
        var granted = await coordinator.PostFormAsync("/reporting/periods", "/reporting/periods/2026Q3/exceptions", new Dictionary<string, string>
        {
            ["DepartmentId"] = financeId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["OpenUntil"] = "2026-10-31",
            ["Reason"] = "财政局系统故障",
        });
        granted.StatusCode.Should().Be(HttpStatusCode.Redirect);

        var late = await PostRawAsync(education, app.FormPath, ("Status", "OnTrack"), ("Percent", "60"), ("Progress", "截止后的修改"),
            ("Revision", revision.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("intent", "submit"));

        late.StatusCode.Should().Be(HttpStatusCode.Conflict);
        WebTestHelpers.Decoded(await late.Content.ReadAsStringAsync()).Should().Contain("2026年第三季度已于2026-10-15截止填报");
        var stored = (await app.ReportAsync("市教委"))!;
        stored.Progress.Should().Be("截止前的草稿");
        stored.State.Should().Be(ReportState.Draft);
        (await SaveAsync(finance, "财政局在例外期内填报")).StatusCode.Should().Be(HttpStatusCode.Redirect);
    }

    [Theory]
    [InlineData("2026Q5")]
    [InlineData("1999Q1")]
    [InlineData("2036Q1")]
    [InlineData("2024Q4")]
    [InlineData("2026Q0")]
    public async Task A_quarter_outside_2025Q1_to_2035Q4_is_not_found_on_every_route(string quarter)
    {
        var education = await app.ReporterAsync("edu-writer", "市教委");
        var coordinator = await app.SignedInAsync("coord", [Roles.Coordinator]);
        var token = await education.GetAntiforgeryTokenAsync(app.FormPath);
        var coordinatorToken = await coordinator.GetAntiforgeryTokenAsync("/reporting/periods");

        (await education.GetAsync($"/my/tasks/{app.TaskId}/{quarter}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        using var form = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" }, { new StringContent("OnTrack"), "Status" }, { new StringContent("1"), "Percent" } };
        (await education.PostAsync($"/my/tasks/{app.TaskId}/{quarter}", form)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await education.GetAsync($"/my/tasks?quarter={quarter}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await coordinator.GetAsync($"/reporting/status?quarter={quarter}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        foreach (var step in new[] { "close", "reopen", "reset", "exceptions", "exceptions/1/delete" })
        {
            var post = await coordinator.PostAsync($"/reporting/periods/{quarter}/{step}", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = coordinatorToken,
                ["Reason"] = "探测",
                ["OpenUntil"] = "2026-12-31",
                ["DepartmentId"] = "1",
            }));
            post.StatusCode.Should().Be(HttpStatusCode.NotFound, step);
        }

        (await app.WithDbAsync(db => db.ReportingPeriodOverrides.CountAsync())).Should().Be(0);
    }

    [Fact]
    public async Task A_viewer_never_sees_draft_or_submitted_text_or_values_on_any_page()
    {
        var education = await app.ReporterAsync("edu-writer", "市教委");
        var finance = await app.ReporterAsync("fin-writer", "市财政局");
        await SaveAsync(education, "教委秘密草稿", change: f => f.Set("Indicators[0].Value", "77.7"));
        await SaveAsync(finance, "财政局秘密已提交", intent: "submit");
        var ids = new[] { await ReportIdAsync("市教委"), await ReportIdAsync("市财政局") };
        var viewer = await app.SignedInAsync("viewer", [Roles.Viewer]);
        var admin = app.CreateBrowser();
        await admin.SignInAsAdminAsync();

        foreach (var client in new[] { viewer, admin })
        {
            foreach (var path in new[] { "/dashboard", "/plans", "/plans/chongqing/tasks/10", "/targets", "/reporting/status", "/plans/chongqing" })
            {
                var response = await client.GetAsync(path);
                // Each of these pages is open to a viewer and to the administrator (ReadPlans; ReadReportingStatus
                // for /reporting/status): a refusal or an error page would hide the secret by accident, not by rule.
                // ("/" is one of the first two: the viewer's home is the dashboard, the administrator's the plans.)
                response.StatusCode.Should().Be(HttpStatusCode.OK, path);
                var page = WebTestHelpers.Decoded(await response.Content.ReadAsStringAsync());
                page.Should().NotContain("秘密", path).And.NotContain("77.7", path);
            }

            foreach (var id in ids)
            {
                foreach (var path in new[] { $"/reports/{id}", $"/reports/{id}/diff", $"/reports/{id}/diff?from=1&to=2", $"/reports/{id}/diff?from=1" })
                {
                    var response = await client.GetAsync(path);
                    response.StatusCode.Should().Be(HttpStatusCode.Forbidden, path);
                    WebTestHelpers.Decoded(await response.Content.ReadAsStringAsync()).Should().NotContain("秘密");
                }
            }
        }
    }

    [Fact]
    public async Task After_approval_a_viewer_cannot_compare_the_approved_version_with_an_earlier_draft()
    {
        var education = await app.ReporterAsync("edu-writer", "市教委");
        var coordinator = await app.SignedInAsync("coord", [Roles.Coordinator]);
        await SaveAsync(education, "早期草稿里的内部数字");
        await SaveAsync(education, "正式提交的进展", intent: "submit");
        var id = await ReportIdAsync("市教委");
        (await ApproveAsync(coordinator, id)).StatusCode.Should().Be(HttpStatusCode.Redirect);
        var viewer = await app.SignedInAsync("viewer", [Roles.Viewer]);

        var details = WebTestHelpers.Decoded(await viewer.GetPageAsync($"/reports/{id}"));
        details.Should().Contain("正式提交的进展").And.NotContain("早期草稿里的内部数字");
        foreach (var path in new[] { $"/reports/{id}/diff?from=1&to=3", $"/reports/{id}/diff?from=3&to=1", $"/reports/{id}/diff?from=1", $"/reports/{id}/diff?to=2" })
        {
            var response = await viewer.GetAsync(path);
            response.StatusCode.Should().Be(HttpStatusCode.Forbidden, path);
            WebTestHelpers.Decoded(await response.Content.ReadAsStringAsync()).Should().NotContain("早期草稿里的内部数字");
        }

        var fallback = await viewer.GetAsync($"/reports/{id}/diff");
        WebTestHelpers.Decoded(await fallback.Content.ReadAsStringAsync()).Should().NotContain("早期草稿里的内部数字");
    }

    [Fact]
    public async Task Script_typed_into_reports_links_and_file_names_is_shown_as_text_everywhere()
    {
        const string Script = "<script>alert('x')</script>";
        const string Image = "<img src=x onerror=alert(1)>";
        var education = await app.ReporterAsync("edu-writer", "市教委");
        var coordinator = await app.SignedInAsync("coord", [Roles.Coordinator]);
        await SaveAsync(education, "第一版" + Script, "save", f => f
            .Set("Problems", Script).Set("NextSteps", Image)
            .Set("EvidenceLinkTitle", Image).Set("EvidenceLinkUrl", "https://www.gov.cn/?q=\"><script>alert(2)</script>"),
            new MultipartFile("EvidenceFile", Image + ".pdf", ReportFormApp.Pdf(), "application/pdf"));
        var javascript = await SaveAsync(education, "x", change: f => f.Set("EvidenceLinkUrl", "javascript:alert(1)"));
        javascript.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        await SaveAsync(education, "第二版" + Script + Image, intent: "submit");
        var id = await ReportIdAsync("市教委");

        var pages = new List<(string Path, string Html)>
        {
            (app.FormPath, await education.GetPageAsync(app.FormPath)),
            ("/review", await coordinator.GetPageAsync("/review")),
            ($"/reports/{id}", await coordinator.GetPageAsync($"/reports/{id}")),
            ($"/reports/{id}/diff?from=1&to=2", await coordinator.GetPageAsync($"/reports/{id}/diff?from=1&to=2")),
            ("/plans/chongqing/tasks/10", await coordinator.GetPageAsync("/plans/chongqing/tasks/10")),
        };

        foreach (var (path, html) in pages)
        {
            html.Should().NotContain("<script>alert", path).And.NotContain("<img src=x", path);
        }
    }

    [Fact]
    public async Task The_report_form_does_not_render_a_stored_javascript_link_as_a_clickable_href()
    {
        // A link that did not come through the form (demo data, a restored backup, a future import): the report page
        // shows it as text (ReportDisplay.IsWebAddress); the form and the read-only display must do the same.
        var education = await app.ReporterAsync("edu-writer", "市教委");
        await SaveAsync(education, "草稿");
        var id = await ReportIdAsync("市教委");
        await app.WithDbAsync(async db =>
        {
            db.ReportEvidence.Add(new ReportEvidence { ReportId = id, Kind = EvidenceKind.Link, Title = "点我", Url = "javascript:alert(document.cookie)", AddedAt = DateTime.UtcNow, AddedByName = "import" });
            return await db.SaveChangesAsync();
        });
        var coordinator = await app.SignedInAsync("coord", [Roles.Coordinator]);

        (await coordinator.GetPageAsync($"/reports/{id}")).Should().NotContain("href=\"javascript:", "the report page checks the scheme");
        (await education.GetPageAsync(app.FormPath)).Should().NotContain("href=\"javascript:", "the form page should check the scheme too");
    }

    [Fact]
    public async Task A_coordinators_close_reason_is_shown_to_reporters_as_text()
    {
        var coordinator = await app.SignedInAsync("coord", [Roles.Coordinator]);
        var closed = await coordinator.PostFormAsync("/reporting/periods", "/reporting/periods/2026Q3/close",
            new Dictionary<string, string> { ["Reason"] = "<script>alert('close')</script>" });
        closed.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var education = await app.ReporterAsync("edu-writer", "市教委");

        var form = await education.GetPageAsync(app.FormPath);
        var myTasks = await education.GetPageAsync("/my/tasks?quarter=2026Q3");

        form.Should().NotContain("<script>alert('close')").And.Contain("&lt;script&gt;");
        myTasks.Should().NotContain("<script>alert('close')");
    }
    [Fact]
    public async Task Linking_an_indicator_to_a_task_that_does_not_exist_is_refused_without_an_error_page()
    {
        var coordinator = await app.SignedInAsync("coord", [Roles.Coordinator]);
        var before = await app.WithDbAsync(db => db.IndicatorTaskLinks.CountAsync());

        var response = await coordinator.PostUnofferedAsync("/indicators", $"/indicators/{app.CoverageIndicatorId}/links",
            new Dictionary<string, string> { ["taskId"] = "999999" });

        // Back to the indicator's row (post / redirect / get), which says what to choose instead.
        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.Should().Be($"/indicators#indicator-{app.CoverageIndicatorId}");
        var page = WebTestHelpers.Decoded(await coordinator.GetPageAsync("/indicators"));
        page.Should().MatchRegex("请选择《[^》]+》中的一项重点任务。");
        (await app.WithDbAsync(db => db.IndicatorTaskLinks.CountAsync())).Should().Be(before);
    }
}
