using System.Globalization;
using EduPlan.Application;
using EduPlan.Application.Import.Preview;
using EduPlan.Application.Import.Readers;
using EduPlan.Core.Messages;
using EduPlan.Core.Plans;
using EduPlan.Web.Authorization;
using EduPlan.Web.Features.Shared;
using EduPlan.Web.Resources;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace EduPlan.Web.Features.PlanImport;

/// <summary>
/// 导入规划: an administrator uploads a plan file (text, Word, PDF or the .xlsx template), corrects what the parser read
/// in the preview, and confirms. Each draft is its uploader's alone (record-level check on every action).
/// </summary>
[Authorize(Policy = Policies.ImportPlans)]
[Route("admin/plans/import")]
public sealed class PlanImportController(
    PlanImportPreviews previews,
    IAuthorizationService authorization,
    IStringLocalizer<SharedResources> localizer) : Controller
{
    /// <summary>Requests up to this size are read, so a somewhat larger file gets a readable refusal rather than a 400.</summary>
    private const int RequestLimit = PlanFileReader.MaxBytes + (4 * 1024 * 1024);

    public const string DoneKey = "PlanImportDone";

    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) =>
        View("Index", new PlanImportIndexViewModel(await DraftsAsync(cancellationToken), null, null));

    [HttpPost("")]
    [RequestSizeLimit(RequestLimit)]
    [RequestFormLimits(MultipartBodyLengthLimit = RequestLimit)]
    public async Task<IActionResult> Upload(IFormFile? file, CancellationToken cancellationToken)
    {
        string? error = null;
        if (file is null || file.Length == 0)
        {
            // A chosen file with nothing in it is said so, not taken for no file at all.
            error = file is { FileName.Length: > 0 } ? localizer["UploadFileEmpty", Path.GetFileName(file.FileName)] : localizer["PlanImportNoFile"];
        }
        else if (file.Length > PlanFileReader.MaxBytes)
        {
            error = localizer["PlanImportTooLarge", PlanFileReader.MaxBytes / (1024 * 1024)];
        }

        if (error is not null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View("Index", new PlanImportIndexViewModel(await DraftsAsync(cancellationToken), null, error));
        }

        using var buffer = new MemoryStream((int)file!.Length);
        await using (var stream = file.OpenReadStream())
        {
            await stream.CopyToAsync(buffer, cancellationToken);
        }

        // Only the name, never the client's path: it appears in every message about the file.
        var sourceName = Path.GetFileName(file.FileName.Replace('\\', '/')) is { Length: > 0 } name ? name : "plan";
        var result = await previews.UploadAsync(buffer.ToArray(), sourceName, cancellationToken);
        if (result.Succeeded)
        {
            return Redirect($"/admin/plans/import/{result.Value!.DraftId!.Value.ToString(CultureInfo.InvariantCulture)}");
        }

        if (result.Kind == ResultKind.Forbidden)
        {
            return await this.FailureAsync(result);
        }

        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return View("Index", new PlanImportIndexViewModel(await DraftsAsync(cancellationToken), result.Value?.Refusal, null));
    }

    /// <summary>The .xlsx template for a plan no parser can read: sheets for sections, tasks, milestones, goals and indicators.</summary>
    [HttpGet("template.xlsx")]
    public IActionResult Template() =>
        File(XlsxPlanTemplate.Write(null), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "plan-template.xlsx");

    [HttpGet("{id:int}")]
    public async Task<IActionResult> Preview(int id, CancellationToken cancellationToken)
    {
        if (await CheckOwnerAsync(id, cancellationToken) is { } denied)
        {
            return denied;
        }

        var result = await previews.PreviewAsync(id, cancellationToken);
        return result.Kind switch
        {
            ResultKind.Saved => View("Preview", new PlanImportPreviewViewModel { Preview = result.Value! }),
            ResultKind.NotFound => NotFound(),
            _ => View("Index", new PlanImportIndexViewModel(await DraftsAsync(cancellationToken), null, result.Reason!.Text())),
        };
    }

    /// <summary>The draft's plan as corrected so far, written into the .xlsx template, to finish by hand and upload again.</summary>
    [HttpGet("{id:int}/plan.xlsx")]
    public async Task<IActionResult> PlanWorkbook(int id, [FromQuery] int plan, CancellationToken cancellationToken)
    {
        if (await CheckOwnerAsync(id, cancellationToken) is { } denied)
        {
            return denied;
        }

        var result = await previews.PreviewAsync(id, cancellationToken);
        if (result.Value is not { } preview || plan < 0 || plan >= preview.Plans.Count)
        {
            return NotFound();
        }

        var parsed = preview.Plans[plan].Plan;
        return File(XlsxPlanTemplate.Write(parsed), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"{parsed.Code}.xlsx");
    }

    /// <summary>The plan's own fields: each one that differs from the preview becomes a correction.</summary>
    [HttpPost("{id:int}/plan")]
    public async Task<IActionResult> Settings(
        int id, [Bind(nameof(PlanSettingsForm.Version), nameof(PlanSettingsForm.PlanTitle), nameof(PlanSettingsForm.Title), nameof(PlanSettingsForm.Code),
            nameof(PlanSettingsForm.ParentCode), nameof(PlanSettingsForm.StartYear), nameof(PlanSettingsForm.EndYear))] PlanSettingsForm form,
        CancellationToken cancellationToken)
    {
        if (await CheckOwnerAsync(id, cancellationToken) is { } denied)
        {
            return denied;
        }

        var current = await previews.PreviewAsync(id, cancellationToken);
        var plan = current.Value?.Plans.FirstOrDefault(p => p.ParsedTitle == form.PlanTitle);
        if (current.Value is null || plan is null)
        {
            return NotFound();
        }

        var corrections = new List<PlanCorrection>();
        var title = (form.Title ?? "").Trim();
        if (title != plan.Plan.Title)
        {
            corrections.Add(new SetTitle(title));
        }

        var code = (form.Code ?? "").Trim();
        if (code != plan.Plan.Code)
        {
            corrections.Add(new SetCode(code));
        }

        var parent = string.IsNullOrWhiteSpace(form.ParentCode) ? null : form.ParentCode.Trim();
        if (parent != plan.Plan.ParentCode)
        {
            corrections.Add(new SetParent(parent));
        }

        if (!int.TryParse(form.StartYear, NumberStyles.None, CultureInfo.InvariantCulture, out var start)
            || !int.TryParse(form.EndYear, NumberStyles.None, CultureInfo.InvariantCulture, out var end))
        {
            return Refused(current.Value, form.PlanTitle, localizer["PlanImportYearsNotNumbers"], settings: form);
        }

        if (start != plan.Plan.StartYear || end != plan.Plan.EndYear)
        {
            corrections.Add(new SetYears(start, end));
        }

        var version = form.Version;
        foreach (var correction in corrections)
        {
            var result = await previews.CorrectAsync(id, version, form.PlanTitle, correction, cancellationToken);
            if (!result.Succeeded)
            {
                return Outcome(result, form.PlanTitle, settings: form);
            }

            version = result.Value!.Version;
        }

        return RedirectToPlan(id, current.Value, form.PlanTitle, "settings");
    }

    [HttpPost("{id:int}/corrections")]
    public async Task<IActionResult> Correct(
        int id, [Bind(nameof(CorrectionForm.Version), nameof(CorrectionForm.PlanTitle), nameof(CorrectionForm.Kind), nameof(CorrectionForm.Number),
            nameof(CorrectionForm.Was), nameof(CorrectionForm.NextWas), nameof(CorrectionForm.At), nameof(CorrectionForm.Title), nameof(CorrectionForm.Key),
            nameof(CorrectionForm.Source), nameof(CorrectionForm.Name), nameof(CorrectionForm.Comparator), nameof(CorrectionForm.Target),
            nameof(CorrectionForm.Unit), nameof(CorrectionForm.Year), nameof(CorrectionForm.TaskNumber), nameof(CorrectionForm.MilestoneYear),
            nameof(CorrectionForm.Sentence))] CorrectionForm form,
        CancellationToken cancellationToken)
    {
        if (await CheckOwnerAsync(id, cancellationToken) is { } denied)
        {
            return denied;
        }

        var (correction, problem) = Build(form);
        if (correction is null)
        {
            var current = await previews.PreviewAsync(id, cancellationToken);
            if (current.Value is null)
            {
                return NotFound();
            }

            return form.Kind == "addIndicator"
                ? NewIndicatorView(current.Value, form, problem)
                : Refused(current.Value, form.PlanTitle, problem, correction: form);
        }

        var result = await previews.CorrectAsync(id, form.Version, form.PlanTitle, correction, cancellationToken);
        if (!result.Succeeded && form.Kind == "addIndicator" && result.Value is { } preview && result.Kind == ResultKind.Refused)
        {
            return NewIndicatorView(preview, form, result.Reason!.Text());
        }

        return result.Succeeded
            ? RedirectToPlan(id, result.Value!, form.PlanTitle, Item(form))
            : Outcome(result, form.PlanTitle, correction: form);
    }

    [HttpPost("{id:int}/corrections/undo")]
    public async Task<IActionResult> Undo(int id, [FromForm] int version, [FromForm] string planTitle, [FromForm] int index, CancellationToken cancellationToken)
    {
        if (await CheckOwnerAsync(id, cancellationToken) is { } denied)
        {
            return denied;
        }

        var result = await previews.UndoAsync(id, version, planTitle ?? "", index, cancellationToken);
        return result.Succeeded ? RedirectToPlan(id, result.Value!, planTitle!, "corrections") : Outcome(result, planTitle);
    }

    /// <summary>Adding a missed target: the sentence chosen on the preview, with a first guess at what it states.</summary>
    [HttpGet("{id:int}/indicators/new")]
    public async Task<IActionResult> NewIndicator(
        int id, [FromQuery] string plan, [FromQuery] string sentence, [FromQuery] int? task, [FromQuery] int? milestone, CancellationToken cancellationToken)
    {
        if (await CheckOwnerAsync(id, cancellationToken) is { } denied)
        {
            return denied;
        }

        var result = await previews.PreviewAsync(id, cancellationToken);
        var preview = result.Value;
        var target = preview?.Plans.FirstOrDefault(p => p.ParsedTitle == plan);
        if (preview is null || target is null || string.IsNullOrEmpty(sentence))
        {
            return NotFound();
        }

        var (name, value, unit) = PlanImportDisplay.Guess(sentence);
        var form = new CorrectionForm
        {
            Version = preview.Version,
            PlanTitle = plan,
            Kind = "addIndicator",
            Sentence = sentence,
            TaskNumber = task,
            MilestoneYear = milestone,
            Name = name,
            Comparator = nameof(Comparator.AtLeast),
            Target = value,
            Unit = unit,
            Year = (milestone ?? target.Plan.EndYear).ToString(CultureInfo.InvariantCulture),
        };
        return NewIndicatorView(preview, form, null);
    }

    [HttpPost("{id:int}/confirm")]
    public async Task<IActionResult> Confirm(int id, [FromForm] int version, CancellationToken cancellationToken)
    {
        if (await CheckOwnerAsync(id, cancellationToken) is { } denied)
        {
            return denied;
        }

        var result = await previews.ConfirmAsync(id, version, cancellationToken);
        if (result.Succeeded)
        {
            var report = result.Value!;
            TempData[DoneKey] = localizer["PlanImportDone", string.Join("、", report.Plans.Select(p => $"《{p.Title}》")), report.Plans.Sum(p => p.Added),
                report.Plans.Sum(p => p.Updated)].Value;
            return Redirect("/");
        }

        if (result.Kind == ResultKind.NotFound)
        {
            return NotFound();
        }

        var current = await previews.PreviewAsync(id, cancellationToken);
        return current.Value is null ? NotFound() : Refused(current.Value, null, result.Reason!.Text());
    }

    [HttpPost("{id:int}/discard")]
    public async Task<IActionResult> Discard(int id, CancellationToken cancellationToken)
    {
        if (await CheckOwnerAsync(id, cancellationToken) is { } denied)
        {
            return denied;
        }

        var result = await previews.DiscardAsync(id, cancellationToken);
        return result.Succeeded ? Redirect("/admin/plans/import") : NotFound();
    }

    /// <summary>A 404 for a draft that does not exist, a 403 (audited) for another administrator's; null when this user may work on it.</summary>
    private async Task<IActionResult?> CheckOwnerAsync(int id, CancellationToken cancellationToken)
    {
        var owner = await previews.OwnerAsync(id, cancellationToken);
        if (owner is null)
        {
            return NotFound();
        }

        return (await authorization.AuthorizeAsync(User, owner, PlanImportDraftOperations.Work)).Succeeded
            ? null
            : await this.ForbiddenAsync(PlanImportDraftOwner.NotYours, backUrl: "/admin/plans/import");
    }

    private Task<List<(int Id, string SourceName, DateTime UpdatedAt)>> DraftsAsync(CancellationToken cancellationToken) =>
        previews.OpenDraftsAsync(User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value ?? "", cancellationToken);

    /// <summary>The correction a form describes, or why it describes none (a number that is not one).</summary>
    private (PlanCorrection? Correction, string Problem) Build(CorrectionForm form)
    {
        decimal target = 0;
        int? year = null;
        if (form.Kind is "editIndicator" or "addIndicator")
        {
            if (!decimal.TryParse((form.Target ?? "").Trim().TrimEnd('%', '％'), NumberStyles.Number, CultureInfo.InvariantCulture, out target))
            {
                return (null, localizer["PlanImportTargetNotNumber", form.Target ?? ""]);
            }

            if (!string.IsNullOrWhiteSpace(form.Year))
            {
                if (!int.TryParse(form.Year.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var parsedYear))
                {
                    return (null, localizer["PlanImportYearNotNumber", form.Year]);
                }

                year = parsedYear;
            }

            if (!Enum.TryParse<Comparator>(form.Comparator, out _))
            {
                return (null, localizer["PlanImportComparatorMissing"]);
            }
        }

        var comparator = Enum.TryParse<Comparator>(form.Comparator, out var c) ? c : Comparator.AtLeast;
        PlanCorrection? correction = form.Kind switch
        {
            "renameSection" => new RenameSection(form.Number, form.Was ?? "", (form.Title ?? "").Trim()),
            "renameTask" => new RenameTask(form.Number, form.Was ?? "", (form.Title ?? "").Trim()),
            "mergeTasks" => new MergeTasks(form.Number, form.Was ?? "", form.NextWas ?? ""),
            "splitTask" => new SplitTask(form.Number, form.Was ?? "", form.At ?? ""),
            "dropIndicator" => new DropIndicator(form.Key ?? "", form.Source ?? ""),
            "editIndicator" => new EditIndicator(form.Key ?? "", form.Source ?? "", (form.Name ?? "").Trim(), comparator, target, (form.Unit ?? "").Trim(), year),
            "addIndicator" => new AddIndicator(form.Sentence ?? "", form.TaskNumber, form.MilestoneYear, (form.Name ?? "").Trim(), comparator, target, (form.Unit ?? "").Trim(), year),
            _ => null,
        };
        return correction is null ? (null, localizer["PlanImportUnknownCorrection"]) : (correction, "");
    }

    private static string Item(CorrectionForm form) => form.Kind switch
    {
        "renameSection" => $"section{form.Number.ToString(CultureInfo.InvariantCulture)}",
        "addIndicator" when form.TaskNumber is { } task => $"task{task.ToString(CultureInfo.InvariantCulture)}",
        "addIndicator" when form.MilestoneYear is { } year => $"milestone{year.ToString(CultureInfo.InvariantCulture)}",
        "dropIndicator" or "editIndicator" or "addIndicator" => "indicators",
        _ => $"task{form.Number.ToString(CultureInfo.InvariantCulture)}",
    };

    private RedirectResult RedirectToPlan(int id, PlanImportPreview preview, string planTitle, string item)
    {
        var index = Math.Max(0, preview.Plans.ToList().FindIndex(p => p.ParsedTitle == planTitle));
        return Redirect($"/admin/plans/import/{id.ToString(CultureInfo.InvariantCulture)}#{PlanImportDisplay.Anchor(index, item)}");
    }

    /// <summary>A refused, conflicting or missing result as a page: the preview with the reason and what was typed.</summary>
    private IActionResult Outcome(Result<PlanImportPreview> result, string? planTitle, PlanSettingsForm? settings = null, CorrectionForm? correction = null)
    {
        if (result.Kind == ResultKind.NotFound || result.Value is null)
        {
            return NotFound();
        }

        if (result.Kind == ResultKind.Conflict)
        {
            Response.StatusCode = StatusCodes.Status409Conflict;
            return View("Preview", new PlanImportPreviewViewModel { Preview = result.Value, Error = result.Reason!.Text(), ErrorPlan = planTitle });
        }

        return Refused(result.Value, planTitle, result.Reason!.Text(), settings, correction);
    }

    private ViewResult Refused(PlanImportPreview preview, string? planTitle, string error, PlanSettingsForm? settings = null, CorrectionForm? correction = null)
    {
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return View("Preview", new PlanImportPreviewViewModel
        {
            Preview = preview,
            Error = error,
            ErrorPlan = planTitle,
            TypedSettings = settings,
            TypedCorrection = correction,
        });
    }

    private ViewResult NewIndicatorView(PlanImportPreview preview, CorrectionForm form, string? error)
    {
        if (error is not null)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        }

        return View("NewIndicator", new NewIndicatorViewModel(preview, form.PlanTitle, form, error));
    }
}
