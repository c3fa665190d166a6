using EduPlan.Core.Reporting;

namespace EduPlan.Core.Tests.Reporting.Editing;

public sealed class ReportWorkflowTests
{
    public static TheoryData<ReportState?, ReportAction, ReportState> Allowed => new()
    {
        { null, ReportAction.Saved, ReportState.Draft },
        { null, ReportAction.Submitted, ReportState.Submitted },
        { ReportState.Draft, ReportAction.Saved, ReportState.Draft },
        { ReportState.Draft, ReportAction.Submitted, ReportState.Submitted },
        { ReportState.Returned, ReportAction.Saved, ReportState.Returned },
        { ReportState.Returned, ReportAction.Submitted, ReportState.Submitted },
        { ReportState.Submitted, ReportAction.Approved, ReportState.Approved },
        { ReportState.Submitted, ReportAction.Returned, ReportState.Returned },
        { ReportState.Approved, ReportAction.Reopened, ReportState.Returned },
    };

    public static TheoryData<ReportState?, ReportAction, string> Refused => new()
    {
        { ReportState.Submitted, ReportAction.Saved, "该报告已提交，正在等待审核" },
        { ReportState.Submitted, ReportAction.Submitted, "该报告已提交，正在等待审核" },
        { ReportState.Approved, ReportAction.Saved, "该报告已审核通过" },
        { ReportState.Approved, ReportAction.Submitted, "该报告已审核通过" },
        { ReportState.Approved, ReportAction.Approved, "该报告已审核通过" },
        { ReportState.Approved, ReportAction.Returned, "该报告已审核通过" },
        { null, ReportAction.Approved, "该报告尚未填报" },
        { null, ReportAction.Returned, "该报告尚未填报" },
        { null, ReportAction.Reopened, "该报告尚未填报" },
        { ReportState.Draft, ReportAction.Approved, "该报告尚未提交审核" },
        { ReportState.Draft, ReportAction.Returned, "该报告尚未提交审核" },
        { ReportState.Returned, ReportAction.Approved, "该报告已退回，正在等待填报单位修改后重新提交" },
        { ReportState.Returned, ReportAction.Returned, "该报告已退回，正在等待填报单位修改后重新提交" },
        { ReportState.Draft, ReportAction.Reopened, "该报告尚未审核通过，无需重新打开" },
        { ReportState.Submitted, ReportAction.Reopened, "该报告尚未审核通过，无需重新打开" },
        { ReportState.Returned, ReportAction.Reopened, "该报告尚未审核通过，无需重新打开" },
    };

    [Theory]
    [MemberData(nameof(Allowed))]
    public void An_allowed_step_has_no_refusal_and_leads_to_its_state(ReportState? current, ReportAction action, ReportState after)
    {
        ReportWorkflow.Refusal(current, action).Should().BeNull();
        ReportWorkflow.IsAllowed(current, action).Should().BeTrue();
        ReportWorkflow.After(current, action).Should().Be(after);
    }

    [Theory]
    [MemberData(nameof(Refused))]
    public void A_refused_step_says_why_and_cannot_be_applied(ReportState? current, ReportAction action, string reason)
    {
        ReportWorkflow.Refusal(current, action).Should().Be(reason);
        ReportWorkflow.IsAllowed(current, action).Should().BeFalse();
        var apply = () => ReportWorkflow.After(current, action);
        apply.Should().Throw<InvalidOperationException>().WithMessage($"*{reason}*");
    }

    [Fact]
    public void Only_the_nine_listed_steps_are_allowed()
    {
        ReportState?[] states = [null, .. Enum.GetValues<ReportState>().Cast<ReportState?>()];
        var allowed = states
            .SelectMany(state => Enum.GetValues<ReportAction>().Select(action => (state, action)))
            .Where(pair => ReportWorkflow.IsAllowed(pair.state, pair.action))
            .ToList();

        allowed.Should().HaveCount(Allowed.Count);
        states.Where(ReportWorkflow.IsEditable).Should().BeEquivalentTo(new ReportState?[] { null, ReportState.Draft, ReportState.Returned });
    }
}
