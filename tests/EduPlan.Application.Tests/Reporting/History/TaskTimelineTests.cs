using EduPlan.Application.Reporting.History;
using EduPlan.Application.Reporting.Review;
using EduPlan.Application.Tests.Reporting.Review;
using EduPlan.Core.Organisation;
using EduPlan.Core.Reporting;
using Microsoft.EntityFrameworkCore;

namespace EduPlan.Application.Tests.Reporting.History;

public class TaskTimelineTests : IAsyncLifetime
{
    private static readonly Quarter Q2 = new(2026, 2);
    private static readonly Quarter Q1 = new(2026, 1);

    private readonly ReportingDatabase database = new();

    private int leadQ3Draft;
    private int coQ3Approved;
    private int leadQ2Approved;
    private int coQ2Returned;
    private int formerQ2Approved;
    private int coQ1Draft;

    public async Task InitializeAsync()
    {
        await database.InitializeAsync();
        // 2026Q3: the lead is still writing, the co-department is approved.
        leadQ3Draft = await database.DraftAsync(database.Education);
        coQ3Approved = await database.ApprovedAsync(database.Finance, progress: "市财政局下达义务教育补助资金。");
        // 2026Q2: the lead is approved; the co-department was returned; a department that no longer owns the task was approved.
        leadQ2Approved = await database.ApprovedAsync(database.Education, Q2, new string('进', ReportReading.ExcerptLength + 30), 35);
        coQ2Returned = await database.ReturnedAsync(database.Finance, Q2);
        formerQ2Approved = await database.ApprovedAsync(database.Science, Q2);
        // 2026Q1: only a co-department draft.
        coQ1Draft = await database.DraftAsync(database.Finance, Q1);
    }

    public Task DisposeAsync() => database.DisposeAsync();

    [Fact]
    public async Task A_coordinator_sees_every_quarter_newest_first_with_the_lead_apart_from_the_others()
    {
        var timeline = await database.ReadAsync(r => r.TaskTimelineAsync(database.TaskId, new ReportViewer(true, null)));

        timeline.Quarters.Select(q => q.Quarter).Should().Equal(ReportingDatabase.Q3, Q2, Q1);
        var q3 = timeline.Quarters[0];
        q3.Lead!.ReportId.Should().Be(leadQ3Draft);
        q3.TaskStatus.Should().BeNull("the lead's report is not approved yet, so the task has no status for the quarter");
        q3.Others.Select(o => o.ReportId).Should().Equal(coQ3Approved);
        var q2 = timeline.Quarters[1];
        q2.TaskStatus!.ReportId.Should().Be(leadQ2Approved);
        q2.TaskStatus.Percent.Should().Be(35);
        q2.TaskStatus.ProgressExcerpt.Should().HaveLength(ReportReading.ExcerptLength + 1).And.EndWith("…");
        q2.Others.Select(o => (o.ReportId, o.Role)).Should().Equal((coQ2Returned, TaskPart.CoDepartment), (formerQ2Approved, TaskPart.None));
        timeline.Quarters[2].Lead.Should().BeNull();
        timeline.Quarters[2].Others.Select(o => o.ReportId).Should().Equal(coQ1Draft);
    }

    [Fact]
    public async Task A_viewer_sees_approved_reports_only()
    {
        var timeline = await database.ReadAsync(r => r.TaskTimelineAsync(database.TaskId, ReportViewer.Public));

        timeline.Quarters.Select(q => q.Quarter).Should().Equal(ReportingDatabase.Q3, Q2);
        timeline.Quarters[0].Lead.Should().BeNull("the lead's draft is not for viewers");
        timeline.Quarters[0].Others.Select(o => o.ReportId).Should().Equal(coQ3Approved);
        timeline.Quarters[1].Lead!.ReportId.Should().Be(leadQ2Approved);
        timeline.Quarters[1].Others.Select(o => o.ReportId).Should().Equal(formerQ2Approved);
        timeline.Quarters.SelectMany(q => q.Others.Append(q.Lead!).Where(e => e is not null)).Should().OnlyContain(e => e.State == ReportState.Approved);
    }

    [Fact]
    public async Task A_reporter_also_sees_their_own_department_s_unapproved_reports_but_not_another_s()
    {
        var finance = await database.ReadAsync(r => r.TaskTimelineAsync(database.TaskId, new ReportViewer(false, database.Finance)));
        var education = await database.ReadAsync(r => r.TaskTimelineAsync(database.TaskId, new ReportViewer(false, database.Education)));

        finance.Quarters.Select(q => q.Quarter).Should().Equal(ReportingDatabase.Q3, Q2, Q1);
        finance.Quarters[0].Lead.Should().BeNull();
        finance.Quarters[1].Others.Select(o => o.ReportId).Should().Equal(coQ2Returned, formerQ2Approved);
        finance.Quarters[2].Others.Select(o => o.ReportId).Should().Equal(coQ1Draft);
        education.Quarters.Select(q => q.Quarter).Should().Equal(ReportingDatabase.Q3, Q2);
        education.Quarters[0].Lead!.ReportId.Should().Be(leadQ3Draft);
        education.Quarters[1].Others.Select(o => o.ReportId).Should().Equal(formerQ2Approved);
    }

    [Fact]
    public async Task The_review_queue_lists_submitted_reports_oldest_submission_first()
    {
        database.SetChinaTime(new DateTime(2026, 9, 11, 9, 0, 0));
        await database.SubmitAsync(leadQ3Draft);
        database.SetChinaTime(new DateTime(2026, 9, 13, 9, 0, 0));
        await database.SubmitAsync(coQ2Returned, r => r.Progress = new string('改', ReportReading.ExcerptLength + 5));
        database.SetChinaTime(new DateTime(2026, 9, 15, 9, 0, 0));
        var later = await database.SubmittedAsync(database.Science, ReportingDatabase.Q3, "市科技局的进展");

        var queue = await database.QueueAsync();

        queue.Total.Should().Be(3);
        queue.Items.Select(i => i.ReportId).Should().Equal(leadQ3Draft, coQ2Returned, later);
        queue.Items[0].Should().BeEquivalentTo(new
        {
            PlanCode = "chongqing",
            TaskNumber = 10,
            DepartmentShortName = "市教委",
            IsLead = true,
            Quarter = ReportingDatabase.Q3,
            Percent = 40,
            WasReturnedBefore = false,
            SubmittedAt = new DateTime(2026, 9, 11, 1, 0, 0),
            LastReviewComment = (string?)null,
        }, o => o.ComparingByValue<Quarter>());
        queue.Items[0].Revision.Should().Be(await database.QueryAsync(db => db.ProgressReports.Where(r => r.Id == leadQ3Draft).Select(r => r.Revision).SingleAsync()));
        queue.Items[1].WasReturnedBefore.Should().BeTrue();
        queue.Items[1].LastReviewComment.Should().Be("请补充区县名单");
        queue.Items[1].ProgressExcerpt.Should().HaveLength(ReportReading.ExcerptLength + 1).And.EndWith("…");
        queue.Items[2].ProgressExcerpt.Should().Be("市科技局的进展");
        (await database.QueueAsync(take: 1)).Should().BeEquivalentTo(new { Total = 3 }, o => o.ExcludingMissingMembers());
        (await database.QueueAsync(take: 1)).Items.Should().ContainSingle().Which.ReportId.Should().Be(leadQ3Draft);
    }
}
