using EduPlan.Data.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace EduPlan.Application.Security;

/// <summary>
/// EduPlan's password rules on top of Identity's length check: a maximum length, at least N of the four
/// character kinds, and not the user name (in either case, or inside the password).
/// </summary>
public sealed class EduPlanPasswordValidator(IOptions<SecurityOptions> options, IdentityErrorDescriber describer)
    : IPasswordValidator<ApplicationUser>
{
    public Task<IdentityResult> ValidateAsync(UserManager<ApplicationUser> manager, ApplicationUser user, string? password)
    {
        password ??= "";
        var rules = options.Value;
        var words = describer as EduPlanIdentityErrorDescriber ?? new EduPlanIdentityErrorDescriber();
        var errors = new List<IdentityError>();

        if (password.Length > rules.PasswordMaxLength)
        {
            errors.Add(words.PasswordTooLong(rules.PasswordMaxLength));
        }

        if (CharacterKinds(password) < rules.PasswordRequiredCharacterKinds)
        {
            errors.Add(words.PasswordRequiresCharacterKinds(rules.PasswordRequiredCharacterKinds));
        }

        var userName = user.UserName;
        if (!string.IsNullOrEmpty(userName) && userName.Length >= 3
            && password.Contains(userName, StringComparison.OrdinalIgnoreCase))
        {
            errors.Add(words.PasswordContainsUserName());
        }

        return Task.FromResult(errors.Count == 0 ? IdentityResult.Success : IdentityResult.Failed([.. errors]));
    }

    /// <summary>How many of upper case, lower case, digits and symbols (anything else) occur.</summary>
    public static int CharacterKinds(string password)
    {
        bool upper = false, lower = false, digit = false, symbol = false;
        foreach (var c in password)
        {
            if (char.IsUpper(c))
            {
                upper = true;
            }
            else if (char.IsLower(c))
            {
                lower = true;
            }
            else if (char.IsAsciiDigit(c))
            {
                digit = true;
            }
            else
            {
                // Punctuation, spaces and any other character (Chinese included) count as symbols.
                symbol = true;
            }
        }

        return (upper ? 1 : 0) + (lower ? 1 : 0) + (digit ? 1 : 0) + (symbol ? 1 : 0);
    }
}
