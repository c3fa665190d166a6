using EduPlan.Web.Features.Audit;
using EduPlan.Web.Features.Shared;

namespace EduPlan.Web.Tests.Audit;

/// <summary>The pure parts of the audit page: reading details, China time (CSV cells: EduPlan.Core.Tests CsvWriterTests).</summary>
public sealed class AuditFormattingTests
{
    [Fact]
    public void Before_and_after_snapshots_give_only_the_fields_that_changed()
    {
        var details = AuditDetails.Parse("""
            {"before":{"Name":"市教委","Kind":"Other","Active":true,"Parent":null},
             "after":{"Name":"重庆市教育委员会","Kind":"Other","Active":false,"Parent":3,"Roles":["Viewer","Reporter"]},
             "reason":"改名"}
            """);

        details.Changes.Should().Equal(
            new AuditFieldChange("Name", "市教委", "重庆市教育委员会"),
            new AuditFieldChange("Active", "true", "false"),
            new AuditFieldChange("Parent", null, "3"),
            new AuditFieldChange("Roles", null, "Viewer、Reporter"));
        details.Fields.Should().Equal(new AuditDetailField("reason", "改名"));
        details.Text.Should().BeNull();
    }

    [Fact]
    public void A_created_record_has_only_after_and_every_field_counts_as_changed()
    {
        var details = AuditDetails.Parse("""{"after":{"UserName":"lisi","Roles":[]}}""");

        details.Changes.Should().Equal(
            new AuditFieldChange("UserName", null, "lisi"),
            new AuditFieldChange("Roles", null, ""));
    }

    [Fact]
    public void Plain_value_snapshots_give_one_unnamed_change()
    {
        AuditDetails.Parse("""{"before":"甲","after":"乙"}""").Changes.Should().Equal(new AuditFieldChange("", "甲", "乙"));
        AuditDetails.Parse("""{"before":{"A":1},"after":{"A":1}}""").Changes.Should().BeEmpty("nothing changed");
        AuditDetails.Parse("""{"before":{"A":{"x":[1,2]}},"after":{"A":{"x":[1,3]}}}""").Changes
            .Should().Equal(new AuditFieldChange("A", "{\"x\":[1,2]}", "{\"x\":[1,3]}"));
    }

    [Theory]
    [InlineData("not json at all")]
    [InlineData("{\"before\":{\"Name\":\"cut off…")]
    [InlineData("[1,2,3]")]
    [InlineData("\"a string\"")]
    public void Anything_that_is_not_a_JSON_object_is_kept_as_text(string stored)
    {
        var details = AuditDetails.Parse(stored);

        details.Text.Should().Be(stored);
        details.Changes.Should().BeEmpty();
        details.Fields.Should().BeEmpty();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void No_details_is_empty(string? stored) => AuditDetails.Parse(stored).IsEmpty.Should().BeTrue();

    [Fact]
    public void Stored_UTC_is_shown_as_China_time_even_when_the_kind_is_unspecified()
    {
        Display.ChinaTime(new DateTime(2026, 12, 31, 16, 0, 0, DateTimeKind.Utc)).Should().Be("2027-01-01 00:00:00");
        Display.ChinaTime(new DateTime(2026, 12, 31, 15, 59, 59, DateTimeKind.Unspecified)).Should().Be("2026-12-31 23:59:59");
    }
}
