using EduPlan.Application.Security;
using EduPlan.Web.Resources;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace EduPlan.Web.Features.Account;

/// <summary>Identity's and EduPlan's error messages (password rules, duplicates) in the reader's language instead of English.</summary>
public sealed class LocalizedIdentityErrorDescriber(IStringLocalizer<SharedResources> localizer) : EduPlanIdentityErrorDescriber
{
    public override IdentityError DefaultError() => Error(nameof(DefaultError));

    public override IdentityError ConcurrencyFailure() => Error(nameof(ConcurrencyFailure));

    public override IdentityError PasswordMismatch() => Error(nameof(PasswordMismatch));

    public override IdentityError PasswordTooShort(int length) => Error(nameof(PasswordTooShort), length);

    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) => Error(nameof(PasswordRequiresUniqueChars), uniqueChars);

    public override IdentityError PasswordRequiresNonAlphanumeric() => Error(nameof(PasswordRequiresNonAlphanumeric));

    public override IdentityError PasswordRequiresDigit() => Error(nameof(PasswordRequiresDigit));

    public override IdentityError PasswordRequiresLower() => Error(nameof(PasswordRequiresLower));

    public override IdentityError PasswordRequiresUpper() => Error(nameof(PasswordRequiresUpper));

    public override IdentityError InvalidUserName(string? userName) => Error(nameof(InvalidUserName), userName ?? "");

    public override IdentityError DuplicateUserName(string userName) => Error(nameof(DuplicateUserName), userName);

    public override IdentityError UserAlreadyHasPassword() => Error(nameof(UserAlreadyHasPassword));

    public override IdentityError PasswordTooLong(int maxLength) => Error(nameof(PasswordTooLong), maxLength);

    public override IdentityError PasswordRequiresCharacterKinds(int kinds) => Error(nameof(PasswordRequiresCharacterKinds), kinds);

    public override IdentityError PasswordContainsUserName() => Error(nameof(PasswordContainsUserName));

    public override IdentityError PasswordIsCommon() => Error(nameof(PasswordIsCommon));

    public override IdentityError PasswordContainsPersonalName() => Error(nameof(PasswordContainsPersonalName));

    private IdentityError Error(string code, params object[] arguments) =>
        new() { Code = code, Description = localizer["Identity" + code, arguments] };
}
