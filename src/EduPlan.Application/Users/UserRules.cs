using System.Text.RegularExpressions;
using EduPlan.Application.Security;
using EduPlan.Data.Configurations;
using Microsoft.AspNetCore.Identity;

namespace EduPlan.Application.Users;

/// <summary>The checks on a user's fields that need no database, with the Chinese messages the pages and the CLI show.</summary>
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
            errors.Add(new(UserFields.UserName, "请填写用户名。"));
        }
        else if (!UserNamePattern().IsMatch(userName))
        {
            errors.Add(new(UserFields.UserName, $"用户名须为 {UserNameMinLength}–{UserNameMaxLength} 个字符，只能包含英文字母、数字和 . _ -（不能有空格或中文）。"));
        }
    }

    public static void CheckDisplayName(string displayName, List<FieldError> errors)
    {
        if (displayName.Length == 0)
        {
            errors.Add(new(UserFields.DisplayName, "请填写显示名（用户的中文姓名）。"));
        }
        else if (displayName.Length > DisplayNameMaxLength)
        {
            errors.Add(new(UserFields.DisplayName, $"显示名不能超过 {DisplayNameMaxLength} 个字符。"));
        }
    }

    public static void CheckPhone(string? phone, List<FieldError> errors)
    {
        if (phone is not null && !PhonePattern().IsMatch(phone))
        {
            errors.Add(new(UserFields.Phone, "电话号码格式不正确：只能包含数字、空格和连字符（-），可以 + 开头，共 5–20 个字符，例如 13800000000 或 023-63862000。"));
        }
    }

    public static void CheckEmail(string? email, List<FieldError> errors)
    {
        if (email is not null && (email.Length > EmailMaxLength || !EmailPattern().IsMatch(email)))
        {
            errors.Add(new(UserFields.Email, "电子邮箱格式不正确，例如 zhangsan@example.gov.cn。"));
        }
    }

    /// <summary>
    /// Turns the requested role names into EduPlan's spelling, refusing unknown names, an empty list and
    /// Administrator together with Auditor. Returns the roles in <see cref="Roles.All"/> order.
    /// </summary>
    public static IReadOnlyList<string> CheckRoles(IEnumerable<string>? requested, List<FieldError> errors)
    {
        var known = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in (requested ?? []).Where(r => !string.IsNullOrWhiteSpace(r)))
        {
            var role = Roles.Find(name);
            if (role is null)
            {
                errors.Add(new(UserFields.Roles, $"未知角色“{name.Trim()}”。可选角色：{string.Join("、", Roles.All.Select(r => $"{r}（{RoleNames.Chinese(r)}）"))}。"));
            }
            else
            {
                known.Add(role);
            }
        }

        if (known.Count == 0 && !errors.Any(e => e.Field == UserFields.Roles))
        {
            errors.Add(new(UserFields.Roles, "请至少选择一个角色。"));
        }

        if (!Roles.IsAllowedCombination(known))
        {
            errors.Add(new(UserFields.Roles, "系统管理员和审计员不能由同一人担任（三权分立：管理员的操作由审计员审查）。"));
        }

        return Roles.All.Where(known.Contains).ToList();
    }

    /// <summary>The password rules' errors in Chinese, whatever language Identity's describer speaks.</summary>
    public static string PasswordMessage(IdentityError error, SecurityOptions rules) => error.Code switch
    {
        nameof(IdentityErrorDescriber.PasswordTooShort) => $"密码至少需要 {rules.PasswordMinLength} 个字符。",
        nameof(EduPlanIdentityErrorDescriber.PasswordTooLong) => $"密码不能超过 {rules.PasswordMaxLength} 个字符。",
        nameof(EduPlanIdentityErrorDescriber.PasswordRequiresCharacterKinds) => $"密码须包含大写字母、小写字母、数字、符号中的至少 {rules.PasswordRequiredCharacterKinds} 种。",
        nameof(EduPlanIdentityErrorDescriber.PasswordContainsUserName) => "密码不能包含用户名。",
        _ => error.Description,
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

/// <summary>The Chinese names and one-line descriptions of the roles, for the CLI and for audit readers.</summary>
public static class RoleNames
{
    public static string Chinese(string role) => role switch
    {
        Roles.Administrator => "系统管理员",
        Roles.Auditor => "审计员",
        Roles.Coordinator => "统筹协调",
        Roles.Reporter => "填报员",
        Roles.Viewer => "领导查看",
        _ => role,
    };

    public static string Description(string role) => role switch
    {
        Roles.Administrator => "管理用户、角色、单位、任务分工和设置；不能审批进展，也不能查看审计日志。",
        Roles.Auditor => "查看并导出审计日志；不能修改任何内容。",
        Roles.Coordinator => "审核各单位填报的进展，可以调整任务分工。",
        Roles.Reporter => "为本单位负责的任务填报进展；必须属于一个单位。",
        Roles.Viewer => "查看所有已审核的内容；不能修改任何内容。",
        _ => "",
    };
}
