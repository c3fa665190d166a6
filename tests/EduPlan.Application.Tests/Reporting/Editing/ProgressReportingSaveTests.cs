using EduPlan.Application;
using EduPlan.Application.Auditing;
using EduPlan.Application.Reporting.Editing;
using EduPlan.Core.Auditing;
using EduPlan.Core.Reporting;
using Microsoft.EntityFrameworkCore;

namespace EduPlan.Application.Tests.Reporting.Editing;

/// <summary>Saving and submitting a report: the checks in order, what is written (report, values, evidence, history, audit) and conflicts.</summary>
public sealed class ProgressReportingSaveTests : IAsyncLifetime
{
    private readonly ReportingDatabase data = new();

    public Task InitializeAsync() => data.InitializeAsync();

    public Task DisposeAsync() => data.DisposeAsync();

    private IndicatorValueInput Coverage(string value, string? note = null) => new(data.CoverageIndicatorId, value, note);

    [Fact]
    public async Task Saving_a_draft_stores_the_report_its_values_and_one_history_row_without_auditing()
    {
        var result = await data.SaveAsync(data.Command(data.Education, EditingKit.Input(values: Coverage("86.5", "抽样统计")) with { Problems = "经费不足" }));

        result.Kind.Should().Be(ResultKind.Saved);
        result.Value!.Revision.Should().Be(1);
        var report = (await data.ReportAsync(data.Education))!;
        report.Id.Should().Be(result.Value!.ReportId);
        report.State.Should().Be(ReportState.Draft);
        report.Status.Should().Be(ReportStatus.OnTrack);
        report.Percent.Should().Be(60);
        report.Progress.Should().Be(EditingKit.Progress);
        report.Problems.Should().Be("经费不足");
        report.SubmittedAt.Should().BeNull();
        report.UpdatedByName.Should().Be("reporter");
        report.UpdatedById.Should().Be("user-reporter");
        report.IndicatorValues.Should().ContainSingle().Which.Should().BeEquivalentTo(new { IndicatorId = data.CoverageIndicatorId, Value = 86.5m, Note = "抽样统计" });
        var history = await data.HistoryAsync(report.Id);
        history.Should().ContainSingle().Which.Should().BeEquivalentTo(new { Number = 1, Action = ReportAction.Saved, StateAfter = ReportState.Draft, ActorName = "reporter" });
        ReportSnapshot.FromJson(history[0].Snapshot).IndicatorValues.Should().ContainSingle().Which.Name.Should().Be("教共体覆盖率");
        (await data.AuditAsync(AuditActions.ReportSubmitted)).Should().BeEmpty("draft saves are kept in the history, not the audit log");
    }

    [Fact]
    public async Task A_NUL_character_typed_or_pasted_into_a_text_is_dropped_on_every_provider()
    {
        var result = await data.SaveAsync(data.Command(data.Education, EditingKit.Input(progress: "完成\0复核")));

        result.Kind.Should().Be(ResultKind.Saved, "PostgreSQL cannot store NUL; the save must not fail on it");
        (await data.ReportAsync(data.Education))!.Progress.Should().Be("完成复核");
    }

    [Fact]
    public async Task Direction_controls_and_zero_width_characters_are_dropped_from_every_text_but_line_breaks_stay()
    {
        var typed = EditingKit.Input(progress: "完成\u202E督导\uFEFF评估\u2066一\u2069\r\n第二行", values: Coverage("86.5", "抽样\u200B统计"));
        var input = typed with { Problems = "\u202E经费不足", NextSteps = "推广\u200D经验\u0000" };

        var result = await data.SaveAsync(data.Command(data.Education, input));

        result.Kind.Should().Be(ResultKind.Saved);
        var report = (await data.ReportAsync(data.Education))!;
        report.Progress.Should().Be("完成督导评估一\n第二行");
        report.Problems.Should().Be("经费不足");
        report.NextSteps.Should().Be("推广经验");
        report.IndicatorValues.Should().ContainSingle().Which.Note.Should().Be("抽样统计");
        var snapshot = (await data.HistoryAsync(report.Id)).Single().Snapshot;
        snapshot.Should().NotContainAny("\u202E", "\uFEFF", "\u2066", "\u200B", "\\u202E", "\\uFEFF", "\\u2066", "\\u200B");
    }

    [Fact]
    public async Task A_draft_may_be_partial()
    {
        var result = await data.SaveAsync(data.Command(data.Education, EditingKit.Input(progress: null)));

        result.Kind.Should().Be(ResultKind.Saved);
        (await data.ReportAsync(data.Education))!.Progress.Should().BeEmpty();
    }

    [Fact]
    public async Task Submitting_stores_the_time_records_the_step_and_audits_it_with_the_report()
    {
        var saved = await data.SaveAsync(data.Command(data.Education));
        data.SetChinaTime(new DateTime(2026, 9, 12, 15, 30, 0));

        var result = await data.SaveAsync(data.Command(data.Education, EditingKit.Input(percent: "65"), submit: true, revision: saved.Value!.Revision));

        result.Kind.Should().Be(ResultKind.Saved);
        result.Value!.Submitted.Should().BeTrue();
        result.Value!.Revision.Should().Be(2);
        var report = (await data.ReportAsync(data.Education))!;
        report.State.Should().Be(ReportState.Submitted);
        report.Percent.Should().Be(65);
        report.SubmittedAt.Should().Be(new DateTime(2026, 9, 12, 7, 30, 0));
        (await data.HistoryAsync(report.Id)).Select(r => (r.Number, r.Action, r.StateAfter))
            .Should().Equal((1, ReportAction.Saved, ReportState.Draft), (2, ReportAction.Submitted, ReportState.Submitted));
        var entry = (await data.AuditAsync(AuditActions.ReportSubmitted)).Should().ContainSingle().Which;
        entry.Outcome.Should().Be(AuditOutcome.Success);
        entry.ActorName.Should().Be("reporter");
        entry.TargetType.Should().Be("Report");
        entry.TargetId.Should().Be(report.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        entry.TargetName.Should().Be("chongqing#10 2026Q3 市教委");
        entry.Details.Should().Contain("\"revision\":2").And.Contain("\"percent\":65");
    }

    [Fact]
    public async Task Submitting_a_new_report_at_once_audits_it_with_its_new_id()
    {
        var result = await data.SaveAsync(data.Command(data.Finance, submit: true));

        result.Kind.Should().Be(ResultKind.Saved);
        result.Value!.Submitted.Should().BeTrue();
        var entry = (await data.AuditAsync(AuditActions.ReportSubmitted)).Should().ContainSingle().Which;
        entry.TargetId.Should().Be(result.Value!.ReportId!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        entry.TargetName.Should().Be("chongqing#10 2026Q3 市财政局");
    }

    [Fact]
    public async Task A_returned_report_stays_returned_when_saved_and_is_submitted_again()
    {
        var id = await data.SeedReportAsync(data.Education, ReportingDatabase.Q3, ReportState.Submitted, 60);
        await data.SetStateAsync(id, ReportState.Returned, "请补充区县名单", "Progress");

        var saved = await data.SaveAsync(data.Command(data.Education, EditingKit.Input(progress: "补充：渝中区等12个区县"), revision: 2));
        saved.Kind.Should().Be(ResultKind.Saved);
        (await data.ReportAsync(data.Education))!.State.Should().Be(ReportState.Returned, "the comment stays in view until it is resubmitted");

        var submitted = await data.SaveAsync(data.Command(data.Education, EditingKit.Input(progress: "补充：渝中区等12个区县"), submit: true, revision: 3));
        submitted.Kind.Should().Be(ResultKind.Saved);
        submitted.Value!.Submitted.Should().BeTrue();
        (await data.ReportAsync(data.Education))!.State.Should().Be(ReportState.Submitted);
    }

    [Fact]
    public async Task An_unknown_task_is_not_found()
    {
        var result = await data.SaveAsync(data.Command(data.Education) with { TaskId = 999_999 });

        result.Kind.Should().Be(ResultKind.NotFound);
        (await data.CountsAsync()).Reports.Should().Be(0);
    }

    [Fact]
    public async Task A_department_that_does_not_own_the_task_is_refused_with_the_exact_sentence_and_nothing_is_written()
    {
        var before = await data.CountsAsync();

        var result = await data.SaveAsync(data.Command(data.Science, submit: true) with { File = EditingKit.Pdf() });

        result.Kind.Should().Be(ResultKind.Forbidden);
        result.Reason.Should().Be("本任务不属于您所在单位");
        result.Value!.Typed.Progress.Should().Be(EditingKit.Progress);
        (await data.CountsAsync()).Should().Be(before);
    }

    [Fact]
    public async Task A_closed_window_is_refused_with_its_reason_and_the_typed_text_is_returned()
    {
        var saved = await data.SaveAsync(data.Command(data.Education));
        data.SetChinaTime(new DateTime(2026, 10, 16, 9, 0, 0));
        var before = await data.CountsAsync();

        var result = await data.SaveAsync(data.Command(data.Education, EditingKit.Input(progress: "截止后才写的进展"), revision: saved.Value!.Revision));

        result.Kind.Should().Be(ResultKind.Refused);
        result.Reason.Should().Be("2026年第三季度已于2026-10-15截止填报");
        result.Value!.Typed.Progress.Should().Be("截止后才写的进展");
        (await data.CountsAsync()).Should().Be(before);
        (await data.ReportAsync(data.Education))!.Progress.Should().Be(EditingKit.Progress);
    }

    [Fact]
    public async Task A_report_returned_after_the_deadline_can_still_be_corrected_and_resubmitted_but_a_draft_cannot()
    {
        var id = await data.SeedReportAsync(data.Education, ReportingDatabase.Q3, ReportState.Submitted, 60);
        await data.SetStateAsync(id, ReportState.Returned, "请补充区县名单", "Progress");
        var draft = await data.SaveAsync(data.Command(data.Finance));
        data.SetChinaTime(new DateTime(2026, 10, 20, 9, 0, 0));

        var form = await data.FormAsync(data.Education);
        form!.CanEdit.Should().BeTrue("the coordinator asked for this correction");
        form.Window.IsOpen.Should().BeFalse();
        var resubmitted = await data.SaveAsync(data.Command(data.Education, EditingKit.Input(progress: "补充：渝中区等12个区县"), submit: true, revision: 2));
        resubmitted.Kind.Should().Be(ResultKind.Saved);
        resubmitted.Value!.Submitted.Should().BeTrue();
        (await data.ReportAsync(data.Education))!.Progress.Should().Be("补充：渝中区等12个区县");

        var late = await data.SaveAsync(data.Command(data.Finance, EditingKit.Input(progress: "截止后才写的进展"), revision: draft.Value!.Revision));
        late.Kind.Should().Be(ResultKind.Refused);
        late.Reason.Should().Be("2026年第三季度已于2026-10-15截止填报");
        (await data.FormAsync(data.Education))!.CanEdit.Should().BeFalse("a resubmitted report waits for review again");
    }

    [Fact]
    public async Task A_task_withdrawn_from_the_plan_text_is_no_longer_reported_on()
    {
        await data.QueryAsync(db => db.Tasks.Where(t => t.Id == data.TaskId)
            .ExecuteUpdateAsync(t => t.SetProperty(x => x.WithdrawnAt, DateTimeOffset.UtcNow)));

        var result = await data.SaveAsync(data.Command(data.Education));
        var form = (await data.FormAsync(data.Education))!;

        result.Kind.Should().Be(ResultKind.Refused);
        result.Reason.Should().Be("该任务已从规划文本中撤下，不再填报");
        form.CanEdit.Should().BeFalse();
        form.Refusal.Should().Be("该任务已从规划文本中撤下，不再填报");
        (await data.CountsAsync()).Reports.Should().Be(0);
    }

    [Theory]
    [InlineData(ReportState.Submitted, "该报告已提交，正在等待审核")]
    [InlineData(ReportState.Approved, "该报告已审核通过")]
    public async Task A_submitted_or_approved_report_cannot_be_changed(ReportState state, string reason)
    {
        await data.SeedReportAsync(data.Education, ReportingDatabase.Q3, state, 70, progress: "原有进展");
        var before = await data.CountsAsync();

        foreach (var submit in new[] { false, true })
        {
            var result = await data.SaveAsync(data.Command(data.Education, EditingKit.Input(progress: "新的进展"), submit: submit, revision: 1));

            result.Kind.Should().Be(ResultKind.Refused);
            result.Reason.Should().Be(reason);
        }

        (await data.CountsAsync()).Should().Be(before);
        (await data.ReportAsync(data.Education))!.Progress.Should().Be("原有进展");
    }

    [Fact]
    public async Task Invalid_input_writes_nothing_and_returns_every_error_with_what_was_typed()
    {
        var input = new ReportInput("Completed", "150", "进展<script>alert(1)</script>", new string('问', 4001), "下一步", null,
            [new(data.CoverageIndicatorId, "120", "说明")]);

        var result = await data.SaveAsync(data.Command(data.Education, input, submit: true) with { File = EditingKit.Pdf() });

        result.Kind.Should().Be(ResultKind.Invalid);
        result.Errors.Zh().Should().BeEquivalentTo(new[]
        {
            ("Percent", "完成进度须为0到100之间的整数"),
            ("Problems", "存在问题不能超过4000字（现为4001字）"),
            ("Indicators[0].Value", "“教共体覆盖率”是百分比，须在0到100之间"),
        });
        result.Value!.Typed.Progress.Should().Be("进展<script>alert(1)</script>");
        result.Value!.Typed.Percent.Should().Be("150");
        result.Value!.Typed.Indicators.Should().ContainSingle().Which.Should().Be(new IndicatorValueInput(data.CoverageIndicatorId, "120", "说明"));
        result.Value!.FileNotSaved.Should().Be("督导评估报告.pdf", "a good file in a refused save must be chosen again");
        (await data.CountsAsync()).Should().Be((0, 0, 0, 0, 0, 0));
    }

    [Fact]
    public async Task Completed_without_evidence_cannot_be_submitted_but_with_a_file_it_can()
    {
        var refused = await data.SaveAsync(data.Command(data.Education, EditingKit.Input("Completed", "100"), submit: true));
        refused.Kind.Should().Be(ResultKind.Invalid);
        refused.Errors.Zh().Should().Equal(("Evidence", "状态为“已完成”时，须至少提供一份佐证材料（文件或链接）"));

        var accepted = await data.SaveAsync(data.Command(data.Education, EditingKit.Input("Completed", "100"), submit: true) with { File = EditingKit.Pdf() });

        accepted.Kind.Should().Be(ResultKind.Saved);
        accepted.Value!.Submitted.Should().BeTrue();
        var report = (await data.ReportAsync(data.Education))!;
        var evidence = report.Evidence.Should().ContainSingle().Which;
        evidence.Kind.Should().Be(EvidenceKind.File);
        evidence.Title.Should().Be("督导评估报告.pdf");
        evidence.ContentType.Should().Be("application/pdf");
        evidence.AddedByName.Should().Be("reporter");
        (await data.QueryAsync(db => db.EvidenceContents.AsNoTracking().SingleAsync(c => c.EvidenceId == evidence.Id))).Bytes.Should().StartWith("%PDF"u8.ToArray());
        var snapshot = ReportSnapshot.FromJson((await data.HistoryAsync(report.Id)).Single().Snapshot);
        snapshot.Evidence.Should().ContainSingle().Which.Id.Should().Be(evidence.Id, "the snapshot names the evidence by its stored id");
        (await data.AuditAsync(AuditActions.ReportSubmitted)).Should().ContainSingle();
    }

    [Fact]
    public async Task Completed_needs_100_percent()
    {
        var result = await data.SaveAsync(data.Command(data.Education, EditingKit.Input("Completed", "95")) with { File = EditingKit.Pdf() });

        result.Errors.Zh().Should().Equal(("Percent", "状态为“已完成”时，完成进度须为100%（现为95%）"));
    }

    [Fact]
    public async Task A_percent_below_the_last_approved_quarter_needs_an_explanation()
    {
        await data.SeedReportAsync(data.Education, new Quarter(2026, 2), ReportState.Approved, 80);

        var refused = await data.SaveAsync(data.Command(data.Education, EditingKit.Input(percent: "60"), submit: true));
        refused.Errors.Zh().Should().Equal(("PercentDropExplanation", "完成进度（60%）低于2026年第二季度审核通过的80%，请说明原因"));

        var accepted = await data.SaveAsync(data.Command(data.Education, EditingKit.Input(percent: "60") with { PercentDropExplanation = "统计口径调整，剔除了未验收项目" }, submit: true));
        accepted.Kind.Should().Be(ResultKind.Saved);
        accepted.Value!.Submitted.Should().BeTrue();
        (await data.ReportAsync(data.Education))!.PercentDropExplanation.Should().Be("统计口径调整，剔除了未验收项目");
    }

    [Fact]
    public async Task A_renamed_program_is_refused_as_evidence_and_the_typed_text_is_kept()
    {
        var result = await data.SaveAsync(data.Command(data.Education, EditingKit.Input(progress: "已写好的进展")) with { File = EditingKit.RenamedProgram() });

        result.Kind.Should().Be(ResultKind.Invalid);
        var error = result.Errors.Should().ContainSingle().Which;
        error.Field.Should().Be("EvidenceFile");
        error.Message.Should().Contain("report.pdf");
        result.Value!.Typed.Progress.Should().Be("已写好的进展");
        result.Value!.FileNotSaved.Should().BeNull("the file itself was refused, with its own message");
        (await data.CountsAsync()).Should().Be((0, 0, 0, 0, 0, 0));
    }

    [Fact]
    public async Task A_link_is_added_and_a_bad_one_is_refused_next_to_the_link_fields()
    {
        var bad = await data.SaveAsync(data.Command(data.Education) with { Link = new EvidenceLinkInput("文件", "javascript:alert(1)") });
        bad.Kind.Should().Be(ResultKind.Invalid);
        bad.Errors.Should().ContainSingle().Which.Field.Should().Be("EvidenceLink");

        var good = await data.SaveAsync(data.Command(data.Education) with { Link = new EvidenceLinkInput("市教委通知", "https://jw.cq.gov.cn/notice/1") });

        good.Kind.Should().Be(ResultKind.Saved);
        var evidence = (await data.ReportAsync(data.Education))!.Evidence.Should().ContainSingle().Which;
        evidence.Kind.Should().Be(EvidenceKind.Link);
        evidence.Title.Should().Be("市教委通知");
        evidence.Url.Should().Be("https://jw.cq.gov.cn/notice/1");
    }

    [Fact]
    public async Task Evidence_is_removed_by_id_and_another_reports_evidence_is_left_alone()
    {
        var finance = await data.SaveAsync(data.Command(data.Finance) with { Link = new EvidenceLinkInput("财政局", "https://czj.cq.gov.cn/") });
        var financeEvidence = (await data.ReportAsync(data.Finance))!.Evidence.Single().Id;
        var first = await data.SaveAsync(data.Command(data.Education) with { File = EditingKit.Pdf() });
        var evidenceId = (await data.ReportAsync(data.Education))!.Evidence.Single().Id;

        var result = await data.SaveAsync(data.Command(data.Education, revision: first.Value!.Revision) with { RemoveEvidenceIds = [evidenceId, financeEvidence] });

        result.Kind.Should().Be(ResultKind.Saved);
        (await data.ReportAsync(data.Education))!.Evidence.Should().BeEmpty();
        (await data.ReportAsync(data.Finance))!.Evidence.Should().ContainSingle().Which.Id.Should().Be(financeEvidence);
        (await data.QueryAsync(db => db.EvidenceContents.CountAsync())).Should().Be(0, "the removed file's bytes go with it");
        finance.Kind.Should().Be(ResultKind.Saved);
    }

    [Fact]
    public async Task A_file_that_would_take_the_department_past_its_evidence_quota_is_refused_and_the_rest_is_kept()
    {
        var pdfBytes = (int)EditingKit.Pdf().Content.Length;
        data.Options.MaxEvidenceBytesPerDepartment = 2 * pdfBytes;
        (await data.SaveAsync(data.Command(data.Finance) with { File = EditingKit.Pdf() })).Kind.Should().Be(ResultKind.Saved, "another department's files do not count");
        var first = await data.SaveAsync(data.Command(data.Education) with { File = EditingKit.Pdf() });
        var second = await data.SaveAsync(data.Command(data.Education, revision: first.Value!.Revision) with { File = EditingKit.Pdf("第二份.pdf") });

        var third = await data.SaveAsync(data.Command(data.Education, EditingKit.Input(progress: "新的进展"), revision: second.Value!.Revision) with { File = EditingKit.Pdf("第三份.pdf") });

        third.Kind.Should().Be(ResultKind.Invalid);
        var error = third.Errors.Should().ContainSingle().Subject;
        error.Field.Should().Be(ReportFields.EvidenceFile);
        error.Message.Key.Should().Be("Report_DepartmentEvidenceQuotaFull");
        error.Zh().Message.Should().StartWith("本单位的佐证文件已占用").And.Contain("存储限额");
        third.Value!.Typed.Progress.Should().Be("新的进展", "what was typed comes back");
        (await data.ReportAsync(data.Education))!.Evidence.Should().HaveCount(2, "nothing was written");

        // Removing a file in the same save makes room for the new one.
        var oldest = (await data.ReportAsync(data.Education))!.Evidence.Min(e => e.Id);
        var swapped = await data.SaveAsync(data.Command(data.Education, revision: second.Value!.Revision) with { File = EditingKit.Pdf("第三份.pdf"), RemoveEvidenceIds = [oldest] });
        swapped.Kind.Should().Be(ResultKind.Saved);

        // Quota 0 turns it off.
        data.Options.MaxEvidenceBytesPerDepartment = 0;
        (await data.SaveAsync(data.Command(data.Education, revision: swapped.Value!.Revision) with { File = EditingKit.Pdf("第四份.pdf") })).Kind.Should().Be(ResultKind.Saved);
    }

    [Fact]
    public async Task Removing_the_only_evidence_of_a_completed_report_cannot_be_submitted()
    {
        var first = await data.SaveAsync(data.Command(data.Education, EditingKit.Input("Completed", "100")) with { File = EditingKit.Pdf() });
        var evidenceId = (await data.ReportAsync(data.Education))!.Evidence.Single().Id;

        var result = await data.SaveAsync(data.Command(data.Education, EditingKit.Input("Completed", "100"), submit: true, revision: first.Value!.Revision) with { RemoveEvidenceIds = [evidenceId] });

        result.Errors.Should().ContainSingle().Which.Field.Should().Be("Evidence");
        (await data.ReportAsync(data.Education))!.Evidence.Should().ContainSingle("nothing was written");
    }

    [Fact]
    public async Task No_more_evidence_than_the_configured_number_is_kept()
    {
        data.Options.MaxEvidencePerReport = 1;
        var first = await data.SaveAsync(data.Command(data.Education) with { File = EditingKit.Pdf() });

        var result = await data.SaveAsync(data.Command(data.Education, revision: first.Value!.Revision) with { Link = new EvidenceLinkInput("链接", "https://example.org/") });

        result.Kind.Should().Be(ResultKind.Invalid);
        result.Errors.Zh().Should().Equal(("EvidenceLink", "每份报告最多附1份佐证材料（已有1份），请先移除不再需要的材料"));
    }

    [Fact]
    public async Task Clearing_an_indicator_value_removes_it()
    {
        var first = await data.SaveAsync(data.Command(data.Education, EditingKit.Input(values: Coverage("80"))));
        (await data.ReportAsync(data.Education))!.IndicatorValues.Should().ContainSingle();

        var second = await data.SaveAsync(data.Command(data.Education, EditingKit.Input(values: Coverage("")), revision: first.Value!.Revision));

        second.Kind.Should().Be(ResultKind.Saved);
        (await data.ReportAsync(data.Education))!.IndicatorValues.Should().BeEmpty();
    }

    [Fact]
    public async Task A_save_from_a_stale_form_is_a_conflict_that_keeps_the_first_text_and_returns_the_second()
    {
        var created = await data.SaveAsync(data.Command(data.Education, EditingKit.Input(progress: "初稿")));
        data.SetChinaTime(new DateTime(2026, 9, 10, 11, 20, 0));
        // Both reporters opened the form at revision 1.
        var first = await data.SaveAsync(data.Command(data.Education, EditingKit.Input(progress: "张三写的进展"), revision: created.Value!.Revision));
        var second = await data.SaveAsync(data.Command(data.Education, EditingKit.Input(progress: "李四写的进展"), revision: created.Value!.Revision), EditingKit.OtherReporter);

        first.Kind.Should().Be(ResultKind.Saved);
        second.Kind.Should().Be(ResultKind.Conflict);
        second.Value!.Typed.Progress.Should().Be("李四写的进展");
        second.Value!.Current!.Values.Progress.Should().Be("张三写的进展");
        second.Value!.Current.UpdatedByName.Should().Be("reporter");
        second.Value!.Revision.Should().Be(2, "saving again over it posts the current revision");
        second.Reason.Should().Contain("reporter").And.Contain("2026-09-10 11:20");
        (await data.ReportAsync(data.Education))!.Progress.Should().Be("张三写的进展");
        (await data.HistoryAsync(created.Value!.ReportId!.Value)).Should().HaveCount(2);

        var over = await data.SaveAsync(data.Command(data.Education, EditingKit.Input(progress: "李四写的进展"), revision: second.Value!.Revision), EditingKit.OtherReporter);
        over.Kind.Should().Be(ResultKind.Saved);
        (await data.ReportAsync(data.Education))!.Progress.Should().Be("李四写的进展");
    }

    [Fact]
    public async Task A_save_that_lands_between_reading_and_writing_is_a_conflict_not_an_overwrite()
    {
        var created = await data.SaveAsync(data.Command(data.Education, EditingKit.Input(progress: "初稿")));
        // The other reporter's whole save runs after this one has read the report, just before it writes.
        var race = new BeforeFirstSave(async () =>
        {
            var other = await data.SaveAsync(data.Command(data.Education, EditingKit.Input(progress: "抢先保存的进展"), revision: created.Value!.Revision), EditingKit.OtherReporter);
            other.Kind.Should().Be(ResultKind.Saved);
        });

        var result = await data.SaveAsync(data.Command(data.Education, EditingKit.Input(progress: "后保存的进展"), revision: created.Value!.Revision), ReportingDatabase.Reporter, race);

        result.Kind.Should().Be(ResultKind.Conflict);
        result.Value!.Typed.Progress.Should().Be("后保存的进展");
        result.Value!.Current!.Values.Progress.Should().Be("抢先保存的进展");
        result.Value!.Current.UpdatedByName.Should().Be("reporter2");
        (await data.ReportAsync(data.Education))!.Progress.Should().Be("抢先保存的进展");
        (await data.HistoryAsync(created.Value!.ReportId!.Value)).Should().HaveCount(2);
    }

    [Fact]
    public async Task Two_people_creating_the_same_report_at_once_give_one_report_and_one_conflict()
    {
        var race = new BeforeFirstSave(async () =>
        {
            var other = await data.SaveAsync(data.Command(data.Education, EditingKit.Input(progress: "先建的报告")), EditingKit.OtherReporter);
            other.Kind.Should().Be(ResultKind.Saved);
        });

        var result = await data.SaveAsync(data.Command(data.Education, EditingKit.Input(progress: "后建的报告")), ReportingDatabase.Reporter, race);

        result.Kind.Should().Be(ResultKind.Conflict);
        result.Value!.Typed.Progress.Should().Be("后建的报告");
        result.Value!.Current!.Values.Progress.Should().Be("先建的报告");
        (await data.ReportsAsync()).Should().ContainSingle().Which.Progress.Should().Be("先建的报告");
    }

    [Fact]
    public async Task A_new_form_posted_after_someone_created_the_report_is_a_conflict()
    {
        await data.SaveAsync(data.Command(data.Education, EditingKit.Input(progress: "先建的报告")), EditingKit.OtherReporter);

        var result = await data.SaveAsync(data.Command(data.Education, EditingKit.Input(progress: "后建的报告"), revision: 0));

        result.Kind.Should().Be(ResultKind.Conflict);
        result.Value!.Current!.Values.Progress.Should().Be("先建的报告");
    }
}
