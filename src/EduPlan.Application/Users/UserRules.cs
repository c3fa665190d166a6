using System.Text.RegularExpressions;
using EduPlan.Application.Security;
using EduPlan.Core.Messages;
using EduPlan.Core.Text;
using EduPlan.Data.Configurations;
using Microsoft.AspNetCore.Identity;

namespace EduPlan.Application.Users;

/// <summary>The checks on a user's fields that need no database, with the messages the pages and the CLI show.</summary>
public static partial class UserRules
{
    public const int UserNameMinLength = 3;
    public const int UserNameMaxLength = 64;
    public const int DisplayNameMaxLength = ApplicationUserConfiguration.DisplayNameMaxLength;
    public const int EmailMaxLength = 256;
    public const int PhoneMaxLength = 20;

    /// <summary>Trims and returns null for an empty optional value.</summary>
    public static string? Optional(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    public static void CheckUserName(string userName, List<FieldError> errors)
    {
        if (userName.Length == 0)
        {
            errors.Add(FieldError.Of(UserFields.UserName, "User_NameRequired"));
        }
        else if (TextSanitiser.FindFormatCharacter(userName) is { } invisible)
        {
            errors.Add(FieldError.Of(UserFields.UserName, "User_NameHasFormatCharacter", invisible));
        }
        else if (!UserNamePattern().IsMatch(userName))
        {
            errors.Add(FieldError.Of(UserFields.UserName, "User_NameInvalid", UserNameMinLength, UserNameMaxLength));
        }
    }

    public static void CheckDisplayName(string displayName, List<FieldError> errors)
    {
        if (displayName.Length == 0)
        {
            errors.Add(FieldError.Of(UserFields.DisplayName, "User_DisplayNameRequired"));
        }
        else if (displayName.Length > DisplayNameMaxLength)
        {
            errors.Add(FieldError.Of(UserFields.DisplayName, "User_DisplayNameTooLong", DisplayNameMaxLength));
        }
        else if (TextSanitiser.FindFormatCharacter(displayName) is { } invisible)
        {
            errors.Add(FieldError.Of(UserFields.DisplayName, "User_DisplayNameHasFormatCharacter", invisible));
        }
    }

    public static void CheckPhone(string? phone, List<FieldError> errors)
    {
        if (phone is not null && !PhonePattern().IsMatch(phone))
        {
            errors.Add(FieldError.Of(UserFields.Phone, "User_PhoneInvalid"));
        }
    }

    public static void CheckEmail(string? email, List<FieldError> errors)
    {
        if (email is not null && (email.Length > EmailMaxLength || !EmailPattern().IsMatch(email)))
        {
            errors.Add(FieldError.Of(UserFields.Email, "User_EmailInvalid"));
        }
    }

    /// <summary>
    /// Turns the requested role names into EduPlan's spelling, refusing unknown names, Administrator together with
    /// Auditor and, when <paramref name="separateDuties"/> is on (三员分立), an administrative role together with another
    /// one or with Coordinator or Reporter. No role at all is allowed: the account then sees nothing until one is granted.
    /// Returns the roles in <see cref="Roles.All"/> order.
    /// </summary>
    public static IReadOnlyList<string> CheckRoles(IEnumerable<string>? requested, List<FieldError> errors, bool separateDuties)
    {
        var known = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in (requested ?? []).Where(r => !string.IsNullOrWhiteSpace(r)))
        {
            var role = Roles.Find(name);
            if (role is null)
            {
                errors.Add(FieldError.Of(UserFields.Roles, "User_RoleUnknown", name.Trim(), MessageList.Of(Roles.All.Select(r => new Message("User_RoleChoice", r, RoleName(r))))));
            }
            else
            {
                known.Add(role);
            }
        }

        if (!Roles.IsAllowedCombination(known))
        {
            errors.Add(FieldError.Of(UserFields.Roles, "User_AdministratorAndAuditor"));
        }
        else if (separateDuties && !Roles.KeepsSeparateDuties(known))
        {
            errors.Add(SeparateDutiesError(known));
        }

        return Roles.All.Where(known.Contains).ToList();
    }

    /// <summary>The refusal of a combination that breaks 三员分立, naming the roles that clash.</summary>
    public static FieldError SeparateDutiesError(IEnumerable<string> roles) =>
        FieldError.Of(UserFields.Roles, "User_SeparateDuties", MessageList.Of(Roles.All.Where(roles.Contains).Select(RoleName)));

    /// <summary>The name readers know a role of <see cref="Roles.All"/> by (系统管理员 / Administrator): message "Role_{role}".</summary>
    public static Message RoleName(string role) => new("Role_" + role);

    /// <summary>An error Identity reported, by its code, whatever language Identity's describer speaks.</summary>
    public static FieldError IdentityError(IdentityError error, SecurityOptions rules, string? userName) => error.Code switch
    {
        nameof(IdentityErrorDescriber.PasswordTooShort) => FieldError.Of(UserFields.Password, "User_PasswordTooShort", rules.PasswordMinLength),
        nameof(EduPlanIdentityErrorDescriber.PasswordTooLong) => FieldError.Of(UserFields.Password, "User_PasswordTooLong", rules.PasswordMaxLength),
        nameof(EduPlanIdentityErrorDescriber.PasswordRequiresCharacterKinds) => FieldError.Of(UserFields.Password, "User_PasswordCharacterKinds", rules.PasswordRequiredCharacterKinds),
        nameof(EduPlanIdentityErrorDescriber.PasswordContainsUserName) => FieldError.Of(UserFields.Password, "User_PasswordContainsUserName"),
        nameof(EduPlanIdentityErrorDescriber.PasswordIsCommon) => FieldError.Of(UserFields.Password, "User_PasswordIsCommon"),
        nameof(EduPlanIdentityErrorDescriber.PasswordContainsPersonalName) => FieldError.Of(UserFields.Password, "User_PasswordContainsPersonalName"),
        _ when error.Code.StartsWith("Password", StringComparison.Ordinal) => FieldError.Of(UserFields.Password, "User_PasswordRejected", error.Code),
        nameof(IdentityErrorDescriber.DuplicateUserName) => FieldError.Of(UserFields.UserName, "User_NameTaken", userName),
        nameof(IdentityErrorDescriber.InvalidUserName) => FieldError.Of(UserFields.UserName, "User_NameInvalid", UserNameMinLength, UserNameMaxLength),
        nameof(IdentityErrorDescriber.InvalidEmail) => FieldError.Of(UserFields.Email, "User_EmailInvalid"),
        nameof(IdentityErrorDescriber.DuplicateEmail) => FieldError.Of(UserFields.Email, "User_EmailTaken"),
        _ => FieldError.Of(UserFields.Form, "User_NotSaved", error.Code),
    };

    // ASCII only: user names are typed on any keyboard and appear in logs and the audit trail.
    [GeneratedRegex(@"^[A-Za-z0-9._\-]{3,64}$")]
    private static partial Regex UserNamePattern();

    [GeneratedRegex(@"^\+?[0-9][0-9 \-]{3,18}[0-9]$")]
    private static partial Regex PhonePattern();

    // Deliberately simple: one @, no spaces, a dot in the domain. Deliverability is not checked.
    [GeneratedRegex(@"^[^@\s]+@[^@\s.]+(\.[^@\s.]+)+$")]
    private static partial Regex EmailPattern();
}
