using EduPlan.Core.Progress;
using EduPlan.Core.Reporting;

namespace EduPlan.Core.Tests.Progress;

public sealed class PlannedProgressTests
{
    private static DateOnly D(int year, int month, int day) => new(year, month, day);

    [Theory]
    [InlineData(3, 31, 25)]
    [InlineData(6, 30, 50)]
    [InlineData(9, 30, 75)]
    [InlineData(12, 31, 100)]
    public void A_one_year_task_is_a_quarter_further_at_the_end_of_each_quarter(int month, int day, int expected) =>
        new PlannedProgress(D(2026, 1, 1), D(2026, 12, 31)).ExpectedAt(D(2026, month, day)).Should().Be(expected);

    [Fact]
    public void Before_the_start_nothing_is_expected_and_after_the_due_date_everything()
    {
        var plan = new PlannedProgress(D(2026, 1, 1), D(2026, 12, 31));
        plan.ExpectedAt(D(2025, 12, 31)).Should().Be(0);
        plan.ExpectedAt(D(2026, 1, 1)).Should().Be(0, "one day of 365 is 0.3 %");
        plan.ExpectedAt(D(2027, 6, 30)).Should().Be(100);
    }

    [Fact]
    public void The_whole_plan_period_is_the_default()
    {
        var plan = PlannedProgress.Default(2035);
        plan.Start.Should().Be(D(2025, 1, 1));
        plan.Due.Should().Be(D(2035, 12, 31));
        // 2026-09-30: 638 of 4,017 days.
        plan.ExpectedAt(D(2026, 9, 30)).Should().Be(16);
    }

    [Fact]
    public void A_curve_replaces_the_straight_line_and_is_straight_between_its_points()
    {
        var plan = new PlannedProgress(D(2026, 1, 1), D(2026, 12, 31), [new(new Quarter(2026, 2), 20), new(new Quarter(2026, 3), 40)]);
        plan.ExpectedAt(D(2026, 6, 30)).Should().Be(20);
        plan.ExpectedAt(D(2026, 9, 30)).Should().Be(40);
        plan.ExpectedAt(D(2026, 3, 31)).Should().Be(10, "half-way (by days) from the start to the first point");
        plan.ExpectedAt(D(2026, 12, 31)).Should().Be(100);
        plan.ExpectedAt(D(2026, 11, 15)).Should().Be(70, "46 of 92 days from 40 % to 100 %");
    }
}
