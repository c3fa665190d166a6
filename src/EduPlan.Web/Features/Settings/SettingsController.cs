using EduPlan.Application.Security;
using EduPlan.Web.Authorization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace EduPlan.Web.Features.Settings;

/// <summary>系统设置: the security settings in force, read-only (they are changed in the configuration, not here).</summary>
[Authorize(Policy = Policies.ManageUsers)]
public sealed class SettingsController(IOptions<SecurityOptions> security) : Controller
{
    [HttpGet("/admin/settings")]
    public IActionResult Index() => View(SettingsViewModel.From(security.Value));
}
