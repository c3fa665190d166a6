using EduPlan.Application;
using EduPlan.Application.Reporting.History;
using EduPlan.Application.Reporting.Review;
using EduPlan.Application.Tests.Reporting.Review;
using EduPlan.Core.Organisation;
using EduPlan.Core.Reporting;
using EduPlan.Data.Identity;
using ReportFields = EduPlan.Core.Reporting.ReportFields;

namespace EduPlan.Application.Tests.Reporting.History;

public class ReportReadingTests : IAsyncLifetime
{
    private readonly ReportingDatabase database = new();

    public Task InitializeAsync() => database.InitializeAsync();

    public Task DisposeAsync() => database.DisposeAsync();

    private ReportViewer Coordinator => new(true, null);

    private ReportViewer Owner => new(false, database.Education);

    private ReportViewer OtherDepartment => new(false, database.Finance);

    public static TheoryData<ReportState, string, ResultKind> Visibility() => new()
    {
        { ReportState.Draft, "coordinator", ResultKind.Saved },
        { ReportState.Draft, "owner", ResultKind.Saved },
        { ReportState.Draft, "other department", ResultKind.Forbidden },
        { ReportState.Draft, "viewer", ResultKind.Forbidden },
        { ReportState.Submitted, "coordinator", ResultKind.Saved },
        { ReportState.Submitted, "owner", ResultKind.Saved },
        { ReportState.Submitted, "other department", ResultKind.Forbidden },
        { ReportState.Submitted, "viewer", ResultKind.Forbidden },
        { ReportState.Returned, "coordinator", ResultKind.Saved },
        { ReportState.Returned, "owner", ResultKind.Saved },
        { ReportState.Returned, "other department", ResultKind.Forbidden },
        { ReportState.Returned, "viewer", ResultKind.Forbidden },
        { ReportState.Approved, "coordinator", ResultKind.Saved },
        { ReportState.Approved, "owner", ResultKind.Saved },
        { ReportState.Approved, "other department", ResultKind.Saved },
        { ReportState.Approved, "viewer", ResultKind.Saved },
    };

    [Theory]
    [MemberData(nameof(Visibility))]
    public async Task A_report_and_its_comparison_are_read_only_by_those_the_rule_allows(ReportState state, string viewerKind, ResultKind expected)
    {
        var id = await ReportInAsync(state);
        var viewer = viewerKind switch
        {
            "coordinator" => Coordinator,
            "owner" => Owner,
            "other department" => OtherDepartment,
            _ => ReportViewer.Public,
        };

        var report = await database.ReadAsync(r => r.GetReportAsync(id, viewer));
        var diff = await database.ReadAsync(r => r.DiffAsync(id, null, null, viewer));

        report.Kind.Should().Be(expected);
        diff.Kind.Should().Be(expected);
        if (expected == ResultKind.Forbidden)
        {
            report.Value.Should().BeNull("a refused reader learns nothing of the content");
            report.Reason.Should().Be(ReportReading.NotYetApproved.ToString());
            diff.Value.Should().BeNull();
        }
        else
        {
            report.Value!.Progress.Should().Be(ReportSeeder.Progress);
            report.Value.Header.State.Should().Be(state);
        }
    }

    [Fact]
    public async Task An_unknown_report_is_not_found()
    {
        (await database.ReadAsync(r => r.GetReportAsync(424242, Coordinator))).Kind.Should().Be(ResultKind.NotFound);
        (await database.ReadAsync(r => r.DiffAsync(424242, 1, 2, Coordinator))).Kind.Should().Be(ResultKind.NotFound);
    }

    [Fact]
    public async Task The_report_shows_its_fields_values_evidence_and_history_with_the_people_as_they_are_named_now()
    {
        await database.QueryAsync(async db =>
        {
            db.Users.Add(new ApplicationUser { Id = ReportingDatabase.Reporter.UserId!, UserName = "reporter", NormalizedUserName = "REPORTER", DisplayName = "张晓明", DepartmentId = database.Education });
            return await db.SaveChangesAsync();
        });
        var id = await database.DraftAsync(database.Education);
        database.SetChinaTime(new DateTime(2026, 9, 20, 9, 0, 0));
        await database.SubmitAsync(id, r =>
        {
            r.Problems = "个别区县师资配置不足。";
            r.IndicatorValues.Add(new ReportIndicatorValue { IndicatorId = database.CoverageIndicatorId, Value = 86.5m, Note = "市级抽样统计" });
            r.Evidence.Add(new ReportEvidence { Kind = EvidenceKind.Link, Title = "督导评估公告", Url = "https://jw.cq.gov.cn/notice/1", AddedAt = new DateTime(2026, 9, 20, 1, 0, 0), AddedByName = "reporter" });
        });
        await database.ReviewAsync(r => r.ReturnAsync(id, 2, "请补充名单", ReportFields.Progress));

        var result = await database.ReadAsync(r => r.GetReportAsync(id, Owner));

        result.Kind.Should().Be(ResultKind.Saved);
        var report = result.Value!;
        report.Header.Should().BeEquivalentTo(new
        {
            PlanCode = "chongqing",
            TaskNumber = 10,
            DepartmentName = "重庆市教育委员会",
            DepartmentShortName = "市教委",
            Role = TaskPart.Lead,
            Quarter = ReportingDatabase.Q3,
            State = ReportState.Returned,
            Revision = 3,
        }, o => o.ComparingByValue<Quarter>());
        report.Problems.Should().Be("个别区县师资配置不足。");
        report.ReviewComment.Should().Be("请补充名单");
        report.ReviewField.Should().Be(ReportFields.Progress);
        report.IndicatorValues.Should().ContainSingle().Which.Should().BeEquivalentTo(new { Name = "教共体覆盖率", Unit = "%", Value = 86.5m, Note = "市级抽样统计" });
        report.Evidence.Should().ContainSingle().Which.Should().BeEquivalentTo(new { Kind = EvidenceKind.Link, Title = "督导评估公告", Url = "https://jw.cq.gov.cn/notice/1" });
        report.ViewerIsOwner.Should().BeTrue();
        report.Revisions.Select(r => (r.Number, r.Action)).Should().Equal((3, ReportAction.Returned), (2, ReportAction.Submitted), (1, ReportAction.Saved));
        report.Revisions[1].Should().BeEquivalentTo(new { Actor = "张晓明", ActorDepartment = "重庆市教育委员会", At = new DateTime(2026, 9, 20, 1, 0, 0) });
        report.Revisions[0].Should().BeEquivalentTo(new { Actor = "coordinator", ActorDepartment = (string?)null, Comment = "请补充名单" }, "the coordinator's account does not exist, so the name recorded at the time is shown");
    }

    [Fact]
    public async Task A_reader_who_sees_approved_reports_only_sees_the_steps_but_not_the_content_of_earlier_versions()
    {
        var id = await database.ReturnedAsync(database.Education, comment: "内部意见：数据口径有误");
        await database.SubmitAsync(id);
        await database.ReviewAsync(r => r.ApproveAsync(id, 4));

        var report = (await database.ReadAsync(r => r.GetReportAsync(id, OtherDepartment))).Value!;

        report.Revisions.Should().HaveCount(5);
        report.Revisions.Should().OnlyContain(r => r.ContentVisible == (r.StateAfter == ReportState.Approved));
        report.Revisions.Should().OnlyContain(r => r.Comment == null, "a return comment belongs to the review, not the public");
        report.ComparableRevisions.Select(r => r.Number).Should().Equal(5);
        report.ViewerIsInsider.Should().BeFalse();
        var draft = await database.ReadAsync(r => r.DiffAsync(id, 1, 5, OtherDepartment));
        draft.Kind.Should().Be(ResultKind.Forbidden);
        draft.Reason.Should().Be(ReportReading.VersionNotVisible.ToString());
    }

    [Fact]
    public async Task The_default_comparison_is_between_the_last_two_submissions_field_by_field()
    {
        var id = await database.DraftAsync(database.Education, progress: "完成督导评估。12个区县通过市级复核。下一步推进教共体建设。", percent: 40);
        await database.SubmitAsync(id, r =>
        {
            r.IndicatorValues.Add(new ReportIndicatorValue { IndicatorId = database.CoverageIndicatorId, Value = 80m });
            r.Evidence.Add(Link("旧的公告"));
        });
        await database.ReviewAsync(r => r.ReturnAsync(id, 2, "请更新复核结果"));
        await database.StepAsync(id, ReportAction.Saved, r => r.Problems = "师资不足。");
        await database.SubmitAsync(id, r =>
        {
            r.Progress = "完成督导评估。15个区县通过市级复核。下一步推进教共体建设。";
            r.Percent = 60;
            r.Status = ReportStatus.AtRisk;
            r.IndicatorValues.Single().Value = 86.5m;
            r.Evidence.Clear();
            r.Evidence.Add(Link("复核结果"));
        });

        var diff = (await database.ReadAsync(r => r.DiffAsync(id, null, null, Coordinator))).Value!;

        diff.From!.Number.Should().Be(2);
        diff.To!.Number.Should().Be(5);
        diff.Fields.Select(f => f.Field).Should().Equal(ReportFields.Status, ReportFields.Percent, ReportFields.Progress, ReportFields.Problems);
        diff.Fields[0].Should().BeEquivalentTo(new { Old = "OnTrack", New = "AtRisk" });
        diff.Fields[1].Should().BeEquivalentTo(new { Old = "40", New = "60" });
        var progress = diff.Fields[2];
        progress.OldPieces.Where(p => p.Kind == DiffKind.Removed).Select(p => p.Text).Should().Equal("2");
        progress.NewPieces.Where(p => p.Kind == DiffKind.Added).Select(p => p.Text).Should().Equal("5");
        string.Concat(progress.NewPieces.Select(p => p.Text)).Should().Be("完成督导评估。15个区县通过市级复核。下一步推进教共体建设。");
        diff.Fields[3].Should().BeEquivalentTo(new { Old = (string?)null, New = "师资不足。" });
        diff.Indicators.Should().ContainSingle().Which.Should().BeEquivalentTo(new { Name = "教共体覆盖率", Kind = ChangeKind.Changed, OldValue = 80m, NewValue = 86.5m });
        diff.EvidenceAdded.Select(e => e.Title).Should().Equal("复核结果");
        diff.EvidenceRemoved.Select(e => e.Title).Should().Equal("旧的公告");
        diff.Revisions.Select(r => r.Number).Should().Equal(1, 2, 3, 4, 5);
    }

    [Fact]
    public async Task Chosen_versions_are_compared_older_first_and_an_unknown_one_is_not_found()
    {
        var id = await database.DraftAsync(database.Education, percent: 10);
        await database.StepAsync(id, ReportAction.Saved, r =>
        {
            r.Percent = 30;
            r.IndicatorValues.Add(new ReportIndicatorValue { IndicatorId = database.CoverageIndicatorId, Value = 70m });
        });
        await database.StepAsync(id, ReportAction.Saved, r => r.IndicatorValues.Clear());

        var reversed = (await database.ReadAsync(r => r.DiffAsync(id, 2, 1, Owner))).Value!;
        var removed = (await database.ReadAsync(r => r.DiffAsync(id, 2, 3, Owner))).Value!;
        var same = (await database.ReadAsync(r => r.DiffAsync(id, 3, 3, Owner))).Value!;
        var unknown = await database.ReadAsync(r => r.DiffAsync(id, 1, 9, Owner));

        reversed.From!.Number.Should().Be(1);
        reversed.Fields.Should().ContainSingle().Which.Should().BeEquivalentTo(new { Field = ReportFields.Percent, Old = "10", New = "30" });
        reversed.Indicators.Should().ContainSingle().Which.Kind.Should().Be(ChangeKind.Added);
        removed.Indicators.Should().ContainSingle().Which.Should().BeEquivalentTo(new { Kind = ChangeKind.Removed, OldValue = 70m, NewValue = (decimal?)null });
        removed.Fields.Should().BeEmpty();
        same.HasChanges.Should().BeFalse();
        unknown.Kind.Should().Be(ResultKind.NotFound);
    }

    [Fact]
    public async Task Evidence_recorded_in_the_step_that_added_it_is_still_the_same_evidence_later()
    {
        var id = await database.DraftAsync(database.Education);
        // The snapshot of this step is taken before the evidence is saved, so it lists the evidence without its id.
        await database.SubmitAsync(id, r => r.Evidence.Add(Link("督导评估公告")));
        await database.ReviewAsync(r => r.ApproveAsync(id, 2));

        var diff = (await database.ReadAsync(r => r.DiffAsync(id, 2, 3, ReportViewer.Public with { IsCoordinator = true }))).Value!;

        diff.EvidenceAdded.Should().BeEmpty();
        diff.EvidenceRemoved.Should().BeEmpty();
        diff.HasChanges.Should().BeFalse();
    }

    [Fact]
    public async Task With_a_single_version_there_is_nothing_to_compare()
    {
        var id = await database.DraftAsync(database.Education);

        var diff = await database.ReadAsync(r => r.DiffAsync(id, null, null, Owner));

        diff.Kind.Should().Be(ResultKind.Saved);
        diff.Value!.From.Should().BeNull();
        diff.Value.HasChanges.Should().BeFalse();
        diff.Value.Revisions.Should().ContainSingle();
    }

    private async Task<int> ReportInAsync(ReportState state) => state switch
    {
        ReportState.Draft => await database.DraftAsync(database.Education),
        ReportState.Submitted => await database.SubmittedAsync(database.Education),
        ReportState.Returned => await database.ReturnedAsync(database.Education),
        _ => await database.ApprovedAsync(database.Education),
    };

    private static ReportEvidence Link(string title) => new()
    {
        Kind = EvidenceKind.Link,
        Title = title,
        Url = "https://jw.cq.gov.cn/" + Uri.EscapeDataString(title),
        AddedAt = new DateTime(2026, 9, 10, 2, 0, 0),
        AddedByName = "reporter",
    };
}
