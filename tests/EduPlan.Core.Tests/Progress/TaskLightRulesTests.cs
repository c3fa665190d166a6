using System.Globalization;
using EduPlan.Core.Messages;
using EduPlan.Core.Progress;
using EduPlan.Core.Reporting;

namespace EduPlan.Core.Tests.Progress;

/// <summary>
/// The light rules at their boundaries. The task runs through 2026, so 序时进度 at the end of 2026Q3 (2026-09-30) is 75 %
/// and its due date is 92 days later, outside the 90 days of "due soon".
/// </summary>
public sealed class TaskLightRulesTests
{
    private static readonly Quarter Q3 = new(2026, 3);
    private static readonly PlannedProgress Year2026 = new(new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31));

    private static LightVerdict Judge(
        int percent,
        ReportStatus status = ReportStatus.OnTrack,
        bool evidence = false,
        PlannedProgress? plan = null,
        Quarter? reportQuarter = null,
        bool reported = true,
        bool closed = true,
        bool hasLead = true) =>
        TaskLightRules.Judge(
            new TaskLightInput(Q3, plan ?? Year2026, hasLead, new ReportFigures(reportQuarter ?? Q3, percent, status, evidence), reported, closed),
            LightThresholds.Default);

    private static LightVerdict JudgeWithoutReport(bool reported, bool closed) =>
        TaskLightRules.Judge(new TaskLightInput(Q3, Year2026, true, null, reported, closed), LightThresholds.Default);

    private static string Chinese(Message message) => message.ToString();

    [Theory]
    [InlineData(75, Light.Green)]
    [InlineData(66, Light.Green)]
    [InlineData(65, Light.Green)] // exactly 10 points behind: still on pace
    [InlineData(64, Light.Yellow)]
    [InlineData(46, Light.Yellow)]
    [InlineData(45, Light.Yellow)] // exactly 30 points behind: behind, not seriously
    [InlineData(44, Light.Red)]
    [InlineData(0, Light.Red)]
    [InlineData(90, Light.Green)]
    public void Percent_against_expected_progress_decides_green_yellow_and_red(int percent, Light light) =>
        Judge(percent).Light.Should().Be(light);

    [Fact]
    public void The_reason_gives_the_percent_the_expected_progress_and_the_gap()
    {
        Chinese(Judge(60).Reason).Should().Be("完成60%，序时进度75%，落后15个百分点");
        Judge(60).Reason.ToString(CultureInfo.GetCultureInfo("en")).Should().Be("60% complete, 75% expected by now: 15 points behind");
        Chinese(Judge(80).Reason).Should().Be("完成80%，序时进度75%，超前5个百分点");
        Chinese(Judge(75).Reason).Should().Be("完成75%，与序时进度75%持平");
    }

    [Fact]
    public void A_reported_status_of_risk_is_yellow_and_of_delay_red_even_on_pace()
    {
        var atRisk = Judge(80, ReportStatus.AtRisk);
        atRisk.Light.Should().Be(Light.Yellow);
        Chinese(atRisk.Reason).Should().Be("牵头单位报告“存在风险”");
        Judge(80, ReportStatus.Delayed).Light.Should().Be(Light.Red);
        Judge(50, ReportStatus.AtRisk).Reasons.Select(Chinese).Should().Equal("完成50%，序时进度75%，落后25个百分点", "牵头单位报告“存在风险”");
    }

    [Theory]
    [InlineData("2026-09-30", Light.Yellow, "距完成时限2026-09-30还有0天，尚未完成")] // due today (the quarter's last day)
    [InlineData("2026-10-01", Light.Yellow, "距完成时限2026-10-01还有1天，尚未完成")] // due tomorrow
    [InlineData("2026-12-29", Light.Yellow, "距完成时限2026-12-29还有90天，尚未完成")]
    [InlineData("2026-12-30", Light.Green, null)] // 91 days: not yet "due soon"
    [InlineData("2026-09-29", Light.Red, "已超过完成时限2026-09-29，尚未完成")] // due yesterday
    public void Due_dates_make_a_task_due_soon_or_past_due(string due, Light light, string? reason)
    {
        var plan = new PlannedProgress(new DateOnly(2026, 1, 1), DateOnly.Parse(due, CultureInfo.InvariantCulture));
        // 99 % is ahead of any of these plans, so only the due date can colour the light.
        var verdict = Judge(99, plan: plan);
        verdict.Light.Should().Be(light);
        if (reason is not null)
        {
            Chinese(verdict.Reason).Should().Be(reason);
        }
    }

    [Fact]
    public void Completed_with_evidence_is_done_apart_from_green_and_without_evidence_yellow()
    {
        var done = Judge(100, ReportStatus.Completed, evidence: true, plan: new PlannedProgress(new DateOnly(2025, 1, 1), new DateOnly(2025, 12, 31)));
        done.Light.Should().Be(Light.Done, "a completed task is done even after its due date");
        Chinese(done.Reason).Should().Be("已完成");
        var unproven = Judge(100, ReportStatus.Completed, evidence: false);
        unproven.Light.Should().Be(Light.Yellow);
        Chinese(unproven.Reason).Should().Be("报告为已完成，但未附佐证材料");
    }

    [Fact]
    public void Without_a_report_entry_still_open_is_grey_and_entry_closed_is_red_overdue()
    {
        var open = JudgeWithoutReport(reported: false, closed: false);
        open.Light.Should().Be(Light.Grey);
        Chinese(open.Reason).Should().Be("2026年第三季度尚在填报期内，暂无审核通过的报告");

        var overdue = JudgeWithoutReport(reported: false, closed: true);
        overdue.Light.Should().Be(Light.Red);
        Chinese(overdue.Reason).Should().Be("2026年第三季度逾期未报");
        overdue.Reason.ToString(CultureInfo.GetCultureInfo("en")).Should().Be("2026 Q3: report overdue (not submitted)");

        var waiting = JudgeWithoutReport(reported: true, closed: true);
        waiting.Light.Should().Be(Light.Grey, "submitted in time but not reviewed yet is not overdue");
        Chinese(waiting.Reason).Should().Be("2026年第三季度的报告已提交，尚待审核");
    }

    [Fact]
    public void An_earlier_quarters_report_counts_once_entry_has_closed_and_the_light_says_so()
    {
        var q2 = new Quarter(2026, 2);
        Judge(40, reportQuarter: q2, closed: false).Light.Should().Be(Light.Grey, "this quarter's report may still come");
        Judge(40, reportQuarter: q2, reported: false).Light.Should().Be(Light.Red);
        Chinese(Judge(40, reportQuarter: q2, reported: false).Reason).Should().Be("2026年第三季度逾期未报");

        var stale = Judge(70, reportQuarter: q2, reported: true);
        stale.Light.Should().Be(Light.Green);
        stale.Reasons.Select(Chinese).Should().Equal("完成70%，序时进度75%，落后5个百分点", "2026年第三季度的报告尚未审核通过，按2026年第二季度的报告判断");
    }

    [Fact]
    public void Before_its_start_or_without_a_lead_department_a_task_is_grey()
    {
        var later = new PlannedProgress(new DateOnly(2026, 10, 1), new DateOnly(2027, 12, 31));
        var notStarted = Judge(0, plan: later);
        notStarted.Light.Should().Be(Light.Grey);
        Chinese(notStarted.Reason).Should().Be("任务计划于2026-10-01开始");
        Judge(0, hasLead: false).Light.Should().Be(Light.Grey);
    }

    [Fact]
    public void The_thresholds_are_settings()
    {
        var strict = new LightThresholds(5, 15, 30);
        TaskLightRules.Judge(new TaskLightInput(Q3, Year2026, true, new ReportFigures(Q3, 69, ReportStatus.OnTrack, false), true, true), strict)
            .Light.Should().Be(Light.Yellow);
        TaskLightRules.Judge(new TaskLightInput(Q3, Year2026, true, new ReportFigures(Q3, 59, ReportStatus.OnTrack, false), true, true), strict)
            .Light.Should().Be(Light.Red);
    }
}
