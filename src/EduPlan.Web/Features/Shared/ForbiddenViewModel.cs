namespace EduPlan.Web.Features.Shared;

/// <summary>The 403 page that says why, without anything of the record: a heading, the reason and the way back.</summary>
public sealed record ForbiddenViewModel(string Heading, string Reason, string BackUrl, string BackText);
