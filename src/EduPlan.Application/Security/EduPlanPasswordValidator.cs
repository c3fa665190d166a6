using EduPlan.Application.Security.CommonPasswords;
using EduPlan.Data;
using EduPlan.Data.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EduPlan.Application.Security;

/// <summary>
/// EduPlan's password rules on top of Identity's length check: a maximum length, at least N of the four
/// character kinds, not the user name, display name or department (in either case, or inside the password), and not
/// one of the most common leaked passwords (<see cref="CommonPasswordList"/>).
/// </summary>
public sealed class EduPlanPasswordValidator(IOptions<SecurityOptions> options, IdentityErrorDescriber describer, EduPlanDbContext? db = null)
    : IPasswordValidator<ApplicationUser>
{
    public async Task<IdentityResult> ValidateAsync(UserManager<ApplicationUser> manager, ApplicationUser user, string? password)
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

        if (CommonPasswordList.IsCommon(password))
        {
            errors.Add(words.PasswordIsCommon());
        }

        // The display name and the department's names (full and short), as others know them (ASVS 2.1.7, 6.2).
        var department = user.DepartmentId is { } id && db is not null
            ? await db.Departments.AsNoTracking().Where(d => d.Id == id).Select(d => new { d.Name, d.ShortName }).SingleOrDefaultAsync()
            : null;
        string?[] personal = [user.DisplayName, department?.Name, department?.ShortName];
        if (personal.Any(name => name is { Length: >= 2 } && password.Contains(name.Trim(), StringComparison.OrdinalIgnoreCase)))
        {
            errors.Add(words.PasswordContainsPersonalName());
        }

        return errors.Count == 0 ? IdentityResult.Success : IdentityResult.Failed([.. errors]);
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
