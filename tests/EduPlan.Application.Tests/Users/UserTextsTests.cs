using EduPlan.Application.Security;
using EduPlan.Application.Users;
using EduPlan.Core.Messages;

namespace EduPlan.Application.Tests.Users;

/// <summary>The names of roles, which messages build from the role ("Role_" + role).</summary>
public sealed class UserTextsTests
{
    [Fact]
    public void Every_role_has_a_Chinese_and_an_English_name()
    {
        foreach (var role in Roles.All)
        {
            // "SecurityAdministrator" reads "Security Administrator".
            UserRules.RoleName(role).ToString(MessageTexts.English).Should().Be(System.Text.RegularExpressions.Regex.Replace(role, "(?<=[a-z])(?=[A-Z])", " "));
            MessageTexts.Template("Role_" + role, MessageTexts.Chinese).Should().NotBeNullOrEmpty();
        }

        UserRules.RoleName(Roles.Reporter).Should().Be("填报员");
    }
}
