using Microsoft.AspNetCore.Identity;

namespace EduPlan.Application.Security;

/// <summary>Identity's error texts plus EduPlan's own password rules; the web app overrides them in Chinese.</summary>
public class EduPlanIdentityErrorDescriber : IdentityErrorDescriber
{
    public virtual IdentityError PasswordTooLong(int maxLength) => new()
    {
        Code = nameof(PasswordTooLong),
        Description = $"Passwords must be at most {maxLength} characters.",
    };

    public virtual IdentityError PasswordRequiresCharacterKinds(int kinds) => new()
    {
        Code = nameof(PasswordRequiresCharacterKinds),
        Description = $"Passwords must contain at least {kinds} of: upper-case letters, lower-case letters, digits, symbols.",
    };

    public virtual IdentityError PasswordContainsUserName() => new()
    {
        Code = nameof(PasswordContainsUserName),
        Description = "Passwords must not contain the user name.",
    };

    public virtual IdentityError PasswordIsCommon() => new()
    {
        Code = nameof(PasswordIsCommon),
        Description = "This password is among the most common ones in leaked password lists; choose another.",
    };

    public virtual IdentityError PasswordContainsPersonalName() => new()
    {
        Code = nameof(PasswordContainsPersonalName),
        Description = "Passwords must not contain the user's display name or department.",
    };
}
