using EduPlan.Core.Reporting;

namespace EduPlan.Core.Tests.Reporting.Periods;

public sealed class QuarterTests
{
    [Theory]
    [InlineData("2026Q3", 2026, 3)]
    [InlineData("2026q3", 2026, 3)]
    [InlineData("2026-Q3", 2026, 3)]
    [InlineData(" 2025Q1 ", 2025, 1)]
    [InlineData("2035Q4", 2035, 4)]
    [InlineData("2040Q2", 2040, 2)]
    public void TryParse_reads_the_URL_form_and_its_tolerated_spellings(string text, int year, int number)
    {
        Quarter.TryParse(text, out var quarter).Should().BeTrue();

        quarter.Should().Be(new Quarter(year, number));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("2026Q0")]
    [InlineData("2026Q5")]
    [InlineData("2026Q")]
    [InlineData("2026")]
    [InlineData("26Q3")]
    [InlineData("1999Q4")]
    [InlineData("2101Q1")]
    [InlineData("20-26Q3")]
    [InlineData("-2026Q3")]
    [InlineData("2026Q3-")]
    [InlineData("2026--Q3")]
    [InlineData("2026 Q3")]
    [InlineData("+026Q3")]
    [InlineData("２０２６Q3")]
    [InlineData("2026年第三季度")]
    public void TryParse_refuses_anything_else(string? text)
    {
        Quarter.TryParse(text, out var quarter).Should().BeFalse();

        quarter.Should().Be(default(Quarter));
    }

    [Theory]
    [InlineData(2026, 1, "2026Q1", "2026年第一季度")]
    [InlineData(2026, 2, "2026Q2", "2026年第二季度")]
    [InlineData(2026, 3, "2026Q3", "2026年第三季度")]
    [InlineData(2035, 4, "2035Q4", "2035年第四季度")]
    public void A_quarter_is_written_2026Q3_in_URLs_and_2026年第三季度_on_pages(int year, int number, string text, string chinese)
    {
        var quarter = new Quarter(year, number);

        quarter.ToString().Should().Be(text);
        quarter.ToChinese().Should().Be(chinese);
        Quarter.TryParse(quarter.ToString(), out var again).Should().BeTrue();
        again.Should().Be(quarter);
    }

    [Theory]
    [InlineData(1, "2026-01-01", "2026-03-31", "2026-03-01")]
    [InlineData(2, "2026-04-01", "2026-06-30", "2026-06-01")]
    [InlineData(3, "2026-07-01", "2026-09-30", "2026-09-01")]
    [InlineData(4, "2026-10-01", "2026-12-31", "2026-12-01")]
    public void A_quarter_knows_its_first_and_last_day_and_when_entry_opens(int number, string start, string end, string opens)
    {
        var quarter = new Quarter(2026, number);

        quarter.StartDate.Should().Be(DateOnly.Parse(start));
        quarter.EndDate.Should().Be(DateOnly.Parse(end));
        quarter.EntryOpens.Should().Be(DateOnly.Parse(opens));
    }

    [Fact]
    public void The_first_quarter_of_a_leap_year_ends_on_March_31_and_February_29_is_in_it()
    {
        var quarter = new Quarter(2028, 1);

        quarter.EndDate.Should().Be(new DateOnly(2028, 3, 31));
        Quarter.Containing(new DateOnly(2028, 2, 29)).Should().Be(quarter);
    }

    [Theory]
    [InlineData(3, 15, "2026-10-15")]
    [InlineData(4, 15, "2027-01-15")]
    [InlineData(1, 0, "2026-03-31")]
    [InlineData(2, 31, "2026-07-31")]
    public void The_default_deadline_is_the_grace_days_after_the_quarter_ends(int number, int graceDays, string deadline)
    {
        new Quarter(2026, number).DefaultDeadline(graceDays).Should().Be(DateOnly.Parse(deadline));
    }

    [Theory]
    [InlineData("2026-01-01", 2026, 1)]
    [InlineData("2026-03-31", 2026, 1)]
    [InlineData("2026-04-01", 2026, 2)]
    [InlineData("2026-06-30", 2026, 2)]
    [InlineData("2026-07-01", 2026, 3)]
    [InlineData("2026-09-30", 2026, 3)]
    [InlineData("2026-10-01", 2026, 4)]
    [InlineData("2026-12-31", 2026, 4)]
    public void Containing_puts_each_first_and_last_day_in_its_own_quarter(string date, int year, int number)
    {
        Quarter.Containing(DateOnly.Parse(date)).Should().Be(new Quarter(year, number));
    }

    [Fact]
    public void Next_and_previous_cross_the_year()
    {
        new Quarter(2026, 4).Next.Should().Be(new Quarter(2027, 1));
        new Quarter(2027, 1).Previous.Should().Be(new Quarter(2026, 4));
        new Quarter(2026, 2).Next.Should().Be(new Quarter(2026, 3));
        new Quarter(2026, 3).Previous.Should().Be(new Quarter(2026, 2));
    }

    [Fact]
    public void Quarters_compare_by_year_then_number()
    {
        var q4 = new Quarter(2025, 4);
        var q1 = new Quarter(2026, 1);

        (q4 < q1).Should().BeTrue();
        (q1 > q4).Should().BeTrue();
        (q4 <= new Quarter(2025, 4)).Should().BeTrue();
        (q1 >= q4).Should().BeTrue();
        (q1 < q4).Should().BeFalse();
        new[] { q1, new Quarter(2025, 2), q4 }.Order().Should().Equal(new Quarter(2025, 2), q4, q1);
    }

    [Fact]
    public void Reporting_quarters_run_from_2025Q1_to_2035Q4()
    {
        Quarter.First.Should().Be(new Quarter(2025, 1));
        Quarter.Last.Should().Be(new Quarter(2035, 4));
        new Quarter(2025, 1).IsReportingQuarter.Should().BeTrue();
        new Quarter(2035, 4).IsReportingQuarter.Should().BeTrue();
        new Quarter(2024, 4).IsReportingQuarter.Should().BeFalse();
        new Quarter(2036, 1).IsReportingQuarter.Should().BeFalse();
        default(Quarter).IsReportingQuarter.Should().BeFalse();
        Quarter.Range(Quarter.First, Quarter.Last).Should().HaveCount(44);
    }

    [Fact]
    public void Range_lists_both_ends_oldest_first_and_nothing_when_reversed()
    {
        Quarter.Range(new Quarter(2025, 3), new Quarter(2026, 2)).Should().Equal(
            new Quarter(2025, 3), new Quarter(2025, 4), new Quarter(2026, 1), new Quarter(2026, 2));
        Quarter.Range(new Quarter(2026, 2), new Quarter(2026, 2)).Should().Equal(new Quarter(2026, 2));
        Quarter.Range(new Quarter(2026, 2), new Quarter(2025, 3)).Should().BeEmpty();
    }

    [Fact]
    public void Range_up_to_the_last_quarter_that_can_exist_ends_there_instead_of_throwing()
    {
        Quarter.Range(new Quarter(2100, 3), new Quarter(2100, 4)).Should().Equal(new Quarter(2100, 3), new Quarter(2100, 4));
    }

    [Theory]
    [InlineData(2026, 0)]
    [InlineData(2026, 5)]
    [InlineData(1999, 1)]
    [InlineData(2101, 1)]
    public void A_quarter_cannot_be_made_with_an_impossible_number_or_year(int year, int number)
    {
        var make = () => new Quarter(year, number);

        make.Should().Throw<ArgumentOutOfRangeException>();
    }
}
