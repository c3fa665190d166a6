using System.ComponentModel.DataAnnotations;

namespace EduPlan.Web.Features.Account;

/// <summary>The sign-in form; also the allow-list of what a sign-in POST may bind.</summary>
public sealed class LoginViewModel
{
    [Required(ErrorMessage = "UserNameRequired")]
    [StringLength(256, ErrorMessage = "UserNameTooLong")]
    [Display(Name = "UserName")]
    public string UserName { get; set; } = "";

    [Required(ErrorMessage = "PasswordRequired")]
    [StringLength(256, ErrorMessage = "PasswordTooLong")]
    [DataType(DataType.Password)]
    [Display(Name = "Password")]
    public string Password { get; set; } = "";

    public string? ReturnUrl { get; set; }
}

/// <summary>The change-password form.</summary>
public sealed class ChangePasswordViewModel
{
    [Required(ErrorMessage = "CurrentPasswordRequired")]
    [StringLength(256, ErrorMessage = "PasswordTooLong")]
    [DataType(DataType.Password)]
    [Display(Name = "CurrentPassword")]
    public string CurrentPassword { get; set; } = "";

    [Required(ErrorMessage = "NewPasswordRequired")]
    [StringLength(256, MinimumLength = 12, ErrorMessage = "NewPasswordLength")]
    [DataType(DataType.Password)]
    [Display(Name = "NewPassword")]
    public string NewPassword { get; set; } = "";

    [Required(ErrorMessage = "ConfirmPasswordRequired")]
    [Compare(nameof(NewPassword), ErrorMessage = "PasswordsDoNotMatch")]
    [DataType(DataType.Password)]
    [Display(Name = "ConfirmPassword")]
    public string ConfirmPassword { get; set; } = "";

    /// <summary>Set by the controller, not bound: true when the user is here because of a one-time password.</summary>
    public bool IsRequired { get; set; }
}
