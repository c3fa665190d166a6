using EduPlan.Application.Security;
using EduPlan.Application.Users;
using EduPlan.Data.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace EduPlan.Application.Tests.Users;

public sealed class OneTimePasswordsTests
{
    private const string LookAlikes = "0Oo1lI";

    private static async Task<IdentityResult> ValidateAsync(SecurityOptions rules, string userName, string password)
    {
        var validator = new EduPlanPasswordValidator(Options.Create(rules), new EduPlanIdentityErrorDescriber());
        return await validator.ValidateAsync(null!, new ApplicationUser { UserName = userName }, password);
    }

    [Fact]
    public async Task Generated_passwords_are_long_readable_and_always_pass_the_default_rules()
    {
        var rules = new SecurityOptions();
        var seen = new HashSet<string>();

        for (var i = 0; i < 2000; i++)
        {
            var password = OneTimePasswords.Generate();

            password.Length.Should().BeGreaterThanOrEqualTo(16);
            password.Should().MatchRegex("^[A-Za-z0-9]+$");
            password.IndexOfAny(LookAlikes.ToCharArray()).Should().Be(-1, $"{password} should have no look-alike characters");
            password.Length.Should().BeGreaterThanOrEqualTo(rules.PasswordMinLength);
            (await ValidateAsync(rules, "someone", password)).Succeeded.Should().BeTrue(password);
            seen.Add(password).Should().BeTrue("passwords must not repeat");
        }
    }

    [Fact]
    public async Task Stricter_rules_get_a_longer_password_with_a_symbol()
    {
        var rules = new SecurityOptions { PasswordMinLength = 30, PasswordRequiredCharacterKinds = 4 };

        for (var i = 0; i < 200; i++)
        {
            var password = OneTimePasswords.Generate(rules);

            password.Length.Should().Be(30);
            (await ValidateAsync(rules, "someone", password)).Succeeded.Should().BeTrue(password);
        }
    }

    [Fact]
    public void A_generated_password_never_contains_a_short_user_name()
    {
        // "abc" turns up in roughly one random password in a thousand; 20 000 tries would show it.
        for (var i = 0; i < 20_000; i++)
        {
            OneTimePasswords.Generate(new SecurityOptions(), "abc").Should().NotContainEquivalentOf("abc");
        }
    }
}
