using EduPlan.Application.Auditing;
using EduPlan.Core.Auditing;
using EduPlan.Web.Resources;
using Microsoft.Extensions.Localization;

namespace EduPlan.Web.Features.Audit;

/// <summary>Readable names for the codes stored in the log; a code without a translation is shown as stored.</summary>
public static class AuditLabels
{
    public static string Action(IStringLocalizer<SharedResources> localizer, string action) =>
        Lookup(localizer, "AuditOp" + action, action);

    public static string Outcome(IStringLocalizer<SharedResources> localizer, AuditOutcome outcome) =>
        Lookup(localizer, "AuditResult" + outcome, outcome.ToString());

    public static string? TargetType(IStringLocalizer<SharedResources> localizer, string? targetType) =>
        targetType is null ? null : Lookup(localizer, "AuditKind" + targetType, targetType);

    /// <summary>The Bootstrap badge colour of an outcome.</summary>
    public static string OutcomeBadge(AuditOutcome outcome) => outcome switch
    {
        AuditOutcome.Success => "text-bg-success",
        AuditOutcome.Failure => "text-bg-warning",
        _ => "text-bg-danger",
    };

    private static string Lookup(IStringLocalizer<SharedResources> localizer, string key, string fallback)
    {
        var text = localizer[key];
        return text.ResourceNotFound ? fallback : text.Value;
    }
}
