using EduPlan.Core.Reporting;

namespace EduPlan.Core.Tests.Reporting.Editing;

public sealed class ReportRulesTests
{
    private static readonly ReportIndicatorRule Coverage = new(7, "教共体覆盖率", "%");
    private static readonly ReportIndicatorRule Schools = new(8, "新建学校", "所");

    private static ReportInput Valid(string status = "OnTrack", string percent = "60", string? progress = "完成了调研。") =>
        new(status, percent, progress, null, null, null, []);

    private static ReportRuleContext Draft(int evidence = 0, ApprovedPercent? last = null) =>
        new(false, last, [Coverage, Schools], evidence);

    private static ReportRuleContext Submit(int evidence = 0, ApprovedPercent? last = null) =>
        new(true, last, [Coverage, Schools], evidence);

    /// <summary>The errors with their messages in Chinese, the portal's default language.</summary>
    private static IEnumerable<ReportRuleError> Errors(ReportInput input, ReportRuleContext context) =>
        ReportRules.Check(input, context).Errors.Select(e => new ReportRuleError(e.Field, e.Message.ToString()));

    [Fact]
    public void A_complete_report_passes_and_is_read_into_values()
    {
        var input = Valid() with
        {
            Progress = "第一段\r\n第二段  ",
            Problems = "  ",
            NextSteps = "继续推进",
            Indicators = [new(7, "86.5", "抽样统计"), new(8, "", null)],
        };

        var check = ReportRules.Check(input, Submit());

        check.IsValid.Should().BeTrue(string.Join("; ", check.Errors));
        check.Status.Should().Be(ReportStatus.OnTrack);
        check.Percent.Should().Be(60);
        check.Progress.Should().Be("第一段\n第二段", "line ends are stored as the browser counts them, trailing blanks dropped");
        check.Problems.Should().BeNull("a blank text is no text");
        check.NextSteps.Should().Be("继续推进");
        check.Values.Should().Equal(new CheckedIndicatorValue(7, 86.5m, "抽样统计"));
    }

    [Theory]
    [InlineData(null, "请选择任务状态")]
    [InlineData("", "请选择任务状态")]
    [InlineData("Finished", "任务状态无效，请从未启动、按计划推进、存在风险、进度滞后、已完成中选择")]
    [InlineData("1", "任务状态无效，请从未启动、按计划推进、存在风险、进度滞后、已完成中选择")]
    [InlineData("onTrack", "任务状态无效，请从未启动、按计划推进、存在风险、进度滞后、已完成中选择")]
    public void The_status_is_required_even_in_a_draft_and_must_be_one_of_the_five(string? status, string message)
    {
        Errors(Valid() with { Status = status }, Draft()).Should().Equal(new ReportRuleError("Status", message));
    }

    [Theory]
    [InlineData("NotStarted", ReportStatus.NotStarted)]
    [InlineData("OnTrack", ReportStatus.OnTrack)]
    [InlineData("AtRisk", ReportStatus.AtRisk)]
    [InlineData("Delayed", ReportStatus.Delayed)]
    public void Each_status_name_is_read(string name, ReportStatus status)
    {
        ReportRules.Check(Valid(status: name), Draft()).Status.Should().Be(status);
    }

    [Theory]
    [InlineData("150", "完成进度须为0到100之间的整数")]
    [InlineData("-1", "完成进度须为0到100之间的整数")]
    [InlineData("101", "完成进度须为0到100之间的整数")]
    [InlineData("50.5", "完成进度须为0到100之间的整数")]
    [InlineData("abc", "完成进度须为0到100之间的整数")]
    [InlineData("", "请填写完成进度（0到100之间的整数）")]
    [InlineData(null, "请填写完成进度（0到100之间的整数）")]
    public void The_percent_is_a_whole_number_from_0_to_100(string? percent, string message)
    {
        Errors(Valid(percent: percent!), Draft()).Should().Equal(new ReportRuleError("Percent", message));
    }

    [Theory]
    [InlineData("0", 0)]
    [InlineData("100", 100)]
    [InlineData(" 75 ", 75)]
    [InlineData("75%", 75)]
    [InlineData("７５", 75)]
    public void A_percent_typed_with_blanks_a_sign_or_full_width_digits_is_read(string percent, int value)
    {
        var check = ReportRules.Check(Valid(percent: percent), Draft());
        check.IsValid.Should().BeTrue(string.Join("; ", check.Errors));
        check.Percent.Should().Be(value);
    }

    [Fact]
    public void Progress_is_needed_to_submit_but_a_draft_may_leave_it_empty()
    {
        Errors(Valid(progress: "  "), Draft()).Should().BeEmpty();
        Errors(Valid(progress: "  "), Submit()).Should().Equal(new ReportRuleError("Progress", "提交审核前请填写本季度进展"));
    }

    [Theory]
    [InlineData("Progress", "本季度进展")]
    [InlineData("Problems", "存在问题")]
    [InlineData("NextSteps", "下一步计划")]
    [InlineData("PercentDropExplanation", "进度回退说明")]
    public void Each_text_holds_at_most_4000_characters(string field, string label)
    {
        ReportInput With(string text) => field switch
        {
            "Progress" => Valid() with { Progress = text },
            "Problems" => Valid() with { Problems = text },
            "NextSteps" => Valid() with { NextSteps = text },
            _ => Valid() with { PercentDropExplanation = text },
        };

        Errors(With(new string('字', 4000)), Draft()).Should().BeEmpty();
        Errors(With(new string('字', 4001)), Draft()).Should().Equal(new ReportRuleError(field, $"{label}不能超过4000字（现为4001字）"));
    }

    [Fact]
    public void A_line_end_posted_as_two_characters_counts_as_one()
    {
        var text = string.Join("\r\n", Enumerable.Repeat(new string('字', 99), 40)); // 3960 + 39 line ends
        text.Length.Should().BeGreaterThan(4000);
        Errors(Valid(progress: text), Draft()).Should().BeEmpty();
    }

    [Fact]
    public void Completed_needs_100_percent_even_in_a_draft()
    {
        Errors(Valid(status: "Completed", percent: "90"), Draft(evidence: 1))
            .Should().Equal(new ReportRuleError("Percent", "状态为“已完成”时，完成进度须为100%（现为90%）"));
        Errors(Valid(status: "Completed", percent: "100"), Draft(evidence: 1)).Should().BeEmpty();
    }

    [Fact]
    public void Completed_needs_evidence_to_submit()
    {
        var input = Valid(status: "Completed", percent: "100");
        Errors(input, Draft(evidence: 0)).Should().BeEmpty("evidence may follow before submitting");
        Errors(input, Submit(evidence: 0)).Should().Equal(new ReportRuleError("Evidence", "状态为“已完成”时，须至少提供一份佐证材料（文件或链接）"));
        Errors(input, Submit(evidence: 1)).Should().BeEmpty();
    }

    [Fact]
    public void A_percent_below_the_last_approved_quarter_needs_an_explanation_to_submit()
    {
        var last = new ApprovedPercent(new Quarter(2026, 2), 80);

        Errors(Valid(percent: "60"), Submit(last: last)).Should().Equal(
            new ReportRuleError("PercentDropExplanation", "完成进度（60%）低于2026年第二季度审核通过的80%，请说明原因"));
        Errors(Valid(percent: "60") with { PercentDropExplanation = "统计口径调整" }, Submit(last: last)).Should().BeEmpty();
        Errors(Valid(percent: "80"), Submit(last: last)).Should().BeEmpty("the same percent is no drop");
        Errors(Valid(percent: "60"), Draft(last: last)).Should().BeEmpty("a draft may explain later");
        Errors(Valid(percent: "60"), Submit()).Should().BeEmpty("nothing was approved before");
        ReportRules.IsDrop(79, last).Should().BeTrue();
        ReportRules.IsDrop(80, last).Should().BeFalse();
    }

    [Theory]
    [InlineData("abc", "“教共体覆盖率”须填写数字")]
    [InlineData("1e3", "“教共体覆盖率”须填写数字")]
    [InlineData("150", "“教共体覆盖率”是百分比，须在0到100之间")]
    [InlineData("100.01", "“教共体覆盖率”是百分比，须在0到100之间")]
    [InlineData("-1", "“教共体覆盖率”是百分比，须在0到100之间")]
    [InlineData("86.12345", "“教共体覆盖率”最多保留4位小数")]
    public void A_percentage_indicator_takes_a_number_from_0_to_100(string value, string message)
    {
        var input = Valid() with { Indicators = [new(8, "3", null), new(7, value, null)] };
        Errors(input, Draft()).Should().Equal(new ReportRuleError("Indicators[1].Value", message));
    }

    [Theory]
    [InlineData("86.5", 86.5)]
    [InlineData("86.5%", 86.5)]
    [InlineData("８６．５％", 86.5)]
    [InlineData("100", 100)]
    [InlineData("0", 0)]
    public void A_percentage_value_may_be_typed_with_its_sign_or_in_full_width(string value, double expected)
    {
        var check = ReportRules.Check(Valid() with { Indicators = [new(7, value, null)] }, Draft());
        check.IsValid.Should().BeTrue(string.Join("; ", check.Errors));
        check.Values.Single().Value.Should().Be((decimal)expected);
    }

    [Fact]
    public void Another_unit_takes_any_number_from_zero()
    {
        Errors(Valid() with { Indicators = [new(8, "250", null)] }, Draft()).Should().BeEmpty();
        Errors(Valid() with { Indicators = [new(8, "-2", null)] }, Draft())
            .Should().Equal(new ReportRuleError("Indicators[0].Value", "“新建学校”不能为负数"));
        Errors(Valid() with { Indicators = [new(8, "250%", null)] }, Draft())
            .Should().ContainSingle("a percent sign belongs to percentages only")
            .Which.Should().Be(new ReportRuleError("Indicators[0].Value", "“新建学校”须填写数字"));
    }

    [Fact]
    public void An_indicator_note_holds_at_most_500_characters_and_needs_a_value()
    {
        Errors(Valid() with { Indicators = [new(7, "80", new string('注', 500))] }, Draft()).Should().BeEmpty();
        Errors(Valid() with { Indicators = [new(7, "80", new string('注', 501))] }, Draft())
            .Should().Equal(new ReportRuleError("Indicators[0].Note", "“教共体覆盖率”的说明不能超过500字（现为501字）"));
        Errors(Valid() with { Indicators = [new(7, " ", "暂无数据")] }, Draft())
            .Should().Equal(new ReportRuleError("Indicators[0].Value", "“教共体覆盖率”填写了说明，请同时填写数值"));
    }

    [Fact]
    public void An_empty_indicator_row_gives_no_value_and_rows_for_other_indicators_are_dropped()
    {
        var check = ReportRules.Check(Valid() with { Indicators = [new(7, "", ""), new(99, "5", null), new(8, "4", null), new(8, "6", null)] }, Submit());

        check.IsValid.Should().BeTrue(string.Join("; ", check.Errors));
        check.Values.Should().Equal(new CheckedIndicatorValue(8, 4m, null));
    }

    [Fact]
    public void Every_error_is_reported_at_once_keyed_by_its_field()
    {
        var input = new ReportInput("Completed", "150", "", new string('问', 4001), null, null, [new(7, "abc", null)]);

        Errors(input, Submit(last: new ApprovedPercent(new Quarter(2026, 2), 50))).Select(e => e.Field)
            .Should().BeEquivalentTo("Percent", "Progress", "Problems", "Evidence", "Indicators[0].Value");
    }

    [Theory]
    [InlineData("%", true)]
    [InlineData("％", true)]
    [InlineData("所", false)]
    [InlineData("万人", false)]
    public void A_unit_of_percent_makes_a_percentage(string unit, bool isPercentage)
    {
        new ReportIndicatorRule(1, "x", unit).IsPercentage.Should().Be(isPercentage);
    }

    /// <summary>A field error as a Chinese reader sees it.</summary>
    private sealed record ReportRuleError(string Field, string Message);
}
