namespace EduPlan.Web.Resources;

/// <summary>
/// Marker for the one set of UI strings: SharedResources.zh-CN.resx (primary) and SharedResources.en.resx beside it.
/// The SDK embeds a .resx that sits next to a class under that class's full name, so the resources are named
/// "EduPlan.Web.Resources.SharedResources" and localisation is registered without a ResourcesPath
/// (with ResourcesPath "Resources" the localizer would look for "EduPlan.Web.Resources.Resources.SharedResources").
/// </summary>
public sealed class SharedResources;
