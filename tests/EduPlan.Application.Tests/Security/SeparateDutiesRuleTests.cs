using EduPlan.Application.Security;

namespace EduPlan.Application.Tests.Security;

/// <summary>三员分立: which roles one account may hold together (ADR 7).</summary>
public sealed class SeparateDutiesRuleTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(true, Roles.Administrator)]
    [InlineData(true, Roles.SecurityAdministrator, Roles.Viewer)]
    [InlineData(true, Roles.Auditor, Roles.Viewer)]
    [InlineData(true, Roles.Coordinator, Roles.Reporter, Roles.Viewer)]
    [InlineData(false, Roles.Administrator, Roles.Coordinator)]
    [InlineData(false, Roles.Administrator, Roles.Reporter)]
    [InlineData(false, Roles.SecurityAdministrator, Roles.Coordinator)]
    [InlineData(false, Roles.Auditor, Roles.Reporter)]
    [InlineData(false, Roles.Administrator, Roles.SecurityAdministrator)]
    [InlineData(false, Roles.SecurityAdministrator, Roles.Auditor)]
    [InlineData(false, Roles.Administrator, Roles.SecurityAdministrator, Roles.Auditor)]
    public void An_administrative_role_goes_with_Viewer_only(bool keeps, params string[] roles) =>
        Roles.KeepsSeparateDuties(roles).Should().Be(keeps, string.Join("+", roles));

    [Fact]
    public void Administrator_with_Auditor_is_never_allowed_whatever_the_setting() =>
        Roles.IsAllowedCombination([Roles.Administrator, Roles.Auditor]).Should().BeFalse();

    [Fact]
    public void Every_administrative_role_is_a_known_role_and_the_three_are_distinct()
    {
        Roles.Administrative.Should().OnlyHaveUniqueItems().And.HaveCount(3);
        Roles.All.Should().Contain(Roles.Administrative).And.Contain(Roles.Operational);
    }
}
