using System.ComponentModel.DataAnnotations;
using EduPlan.Web.Infrastructure;

namespace EduPlan.Web.Features.Account;

/// <summary>The sign-in form; also the allow-list of what a sign-in POST may bind.</summary>
/// <remarks>
/// No length attributes: a too-long user name or password must get the same answer as a wrong one, so the
/// controller checks the lengths (Security:PasswordMaxLength) instead of model validation.
/// </remarks>
public sealed class LoginViewModel
{
    /// <summary>The longest user name looked up (Identity's column size); anything longer is an unknown user.</summary>
    public const int MaxUserNameLength = 256;

    /// <summary>What the password box accepts: the highest Security:PasswordMaxLength allowed.</summary>
    public const int PasswordInputLimit = 1024;

    [Required(ErrorMessage = "UserNameRequired")]
    [Display(Name = "UserName")]
    public string UserName { get; set; } = "";

    [Required(ErrorMessage = "PasswordRequired")]
    [DataType(DataType.Password)]
    [Display(Name = "Password")]
    public string Password { get; set; } = "";

    public string? ReturnUrl { get; set; }
}

/// <summary>The change-password form.</summary>
/// <remarks>Lengths and character kinds are checked by the password rules (Security:*), which name the limits.</remarks>
public sealed class ChangePasswordViewModel
{
    [Required(ErrorMessage = "CurrentPasswordRequired")]
    [DataType(DataType.Password)]
    [Display(Name = "CurrentPassword")]
    public string CurrentPassword { get; set; } = "";

    [Required(ErrorMessage = "NewPasswordRequired")]
    [DataType(DataType.Password)]
    [Display(Name = "NewPassword")]
    public string NewPassword { get; set; } = "";

    [Required(ErrorMessage = "ConfirmPasswordRequired")]
    [Compare(nameof(NewPassword), ErrorMessage = "PasswordsDoNotMatch")]
    [DataType(DataType.Password)]
    [Display(Name = "ConfirmPassword")]
    public string ConfirmPassword { get; set; } = "";

    /// <summary>Set by the controller, not bound: why the user must change the password before going on, if they must.</summary>
    public PasswordChangeReason Reason { get; set; }

    /// <summary>Set by the controller, not bound: the rules to show.</summary>
    public int MinLength { get; set; }

    public int MaxLength { get; set; }

    public int RequiredCharacterKinds { get; set; }

    public int ExpiryDays { get; set; }
}
