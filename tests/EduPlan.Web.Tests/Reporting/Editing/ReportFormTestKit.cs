using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using EduPlan.Application.Security;
using EduPlan.Core.Organisation;
using EduPlan.Core.Reporting;
using EduPlan.Web.Tests.Ownership;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace EduPlan.Web.Tests.Reporting.Editing;

/// <summary>A file to upload in a multipart form.</summary>
public sealed record MultipartFile(string Name, string FileName, byte[] Content, string ContentType = "application/octet-stream");

/// <summary>
/// Posting multipart forms the way a browser does, and reading a form back as the fields it would post. The
/// antiforgery token always comes from inside the form that posts to the address, never from another form.
/// </summary>
public static partial class MultipartForms
{
    /// <summary>GETs <paramref name="formPath"/>, then POSTs <paramref name="fields"/> (and files) as multipart/form-data to <paramref name="postPath"/> with that form's token.</summary>
    public static async Task<HttpResponseMessage> PostMultipartFormAsync(
        this HttpClient client, string formPath, string postPath, IEnumerable<KeyValuePair<string, string>> fields, params MultipartFile[] files)
    {
        var html = await client.GetPageAsync(formPath);
        return await client.PostMultipartAsync(html, formPath, postPath, fields, files);
    }

    /// <summary>POSTs a form from a page fetched earlier (as a browser tab left open does), with the token inside that form.</summary>
    public static Task<HttpResponseMessage> PostMultipartAsync(
        this HttpClient client, string html, string formPath, string postPath, IEnumerable<KeyValuePair<string, string>> fields, params MultipartFile[] files)
    {
        var token = WebTestHelpers.ReadFormToken(html, formPath, postPath);
        var content = new MultipartFormDataContent();
        content.Add(new StringContent(token), "__RequestVerificationToken");
        foreach (var (name, value) in fields)
        {
            content.Add(new StringContent(value), name);
        }

        foreach (var file in files)
        {
            var part = new ByteArrayContent(file.Content);
            part.Headers.ContentType = new MediaTypeHeaderValue(file.ContentType);
            content.Add(part, file.Name, file.FileName);
        }

        return client.PostAsync(postPath, content);
    }

    /// <summary>
    /// The fields the POST form of <paramref name="html"/> that submits to <paramref name="postPath"/> would send as
    /// shown (text, number, url and hidden inputs, checked radios and boxes, textareas; not the token, files or buttons).
    /// </summary>
    public static List<KeyValuePair<string, string>> ReadFields(string html, string postPath)
    {
        var form = FormRegex().Matches(html).FirstOrDefault(m => m.Groups["tag"].Value.Contains($"action=\"{postPath}\"", StringComparison.Ordinal));
        form.Should().NotBeNull($"the page should have a form posting to {postPath}");
        var body = form!.Groups["body"].Value;
        var fields = new List<KeyValuePair<string, string>>();
        foreach (Match input in InputRegex().Matches(body))
        {
            var tag = input.Value;
            var name = Attribute(tag, "name");
            var type = Attribute(tag, "type") ?? "text";
            if (name is null || name == "__RequestVerificationToken" || type is "file" or "submit" or "button")
            {
                continue;
            }

            if (type is "radio" or "checkbox" && !tag.Contains("checked", StringComparison.Ordinal))
            {
                continue;
            }

            fields.Add(new(name, Attribute(tag, "value") ?? ""));
        }

        foreach (Match area in TextareaRegex().Matches(body))
        {
            fields.Add(new(WebUtility.HtmlDecode(area.Groups["name"].Value), WebUtility.HtmlDecode(area.Groups["text"].Value)));
        }

        return fields;
    }

    /// <summary>Sets a field (replacing every field of that name) and returns the list, for chaining.</summary>
    public static List<KeyValuePair<string, string>> Set(this List<KeyValuePair<string, string>> fields, string name, string value)
    {
        fields.RemoveAll(f => f.Key == name);
        fields.Add(new(name, value));
        return fields;
    }

    public static string? Value(this List<KeyValuePair<string, string>> fields, string name) =>
        fields.Where(f => f.Key == name).Select(f => f.Value).FirstOrDefault();

    private static string? Attribute(string tag, string name)
    {
        var match = Regex.Match(tag, $"\\s{name}=\"([^\"]*)\"");
        return match.Success ? WebUtility.HtmlDecode(match.Groups[1].Value) : null;
    }

    [GeneratedRegex("<form(?<tag>[^>]*method=\"post\"[^>]*)>(?<body>.*?)</form>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex FormRegex();

    [GeneratedRegex("<input\\b[^>]*>", RegexOptions.Singleline)]
    private static partial Regex InputRegex();

    [GeneratedRegex("<textarea\\b[^>]*\\sname=\"(?<name>[^\"]*)\"[^>]*>(?<text>.*?)</textarea>", RegexOptions.Singleline)]
    private static partial Regex TextareaRegex();
}

/// <summary>
/// The app for the report form on 2026-09-10 10:00 in China (2026Q3 open until 2026-10-15): 市教委 leads Chongqing
/// task 10, 市财政局 joins it, 市科技局 owns nothing of it; 教共体覆盖率 (%) is linked to it.
/// </summary>
public sealed class ReportFormApp : EduPlanWebFactory
{
    public static readonly Quarter Q3 = new(2026, 3);

    public ReportFormApp()
        : this(new DateTime(2026, 9, 10, 10, 0, 0))
    {
    }

    public ReportFormApp(DateTime chinaTime)
    {
        Clock = new FakeTimeProvider(ChinaTime(chinaTime));
    }

    public int TaskId { get; private set; }

    public int CoverageIndicatorId { get; private set; }

    /// <summary>The form of task 10 for 2026Q3.</summary>
    public string FormPath => $"/my/tasks/{TaskId}/2026Q3";

    public static DateTimeOffset ChinaTime(DateTime wallClock) =>
        new(DateTime.SpecifyKind(wallClock, DateTimeKind.Unspecified), ChinaCalendar.Offset);

    /// <summary>Starts the app; with <paramref name="kestrel"/> on real Kestrel (a random loopback port) rather than the in-memory server.</summary>
    public static async Task<ReportFormApp> StartAsync(DateTime? chinaTime = null, Dictionary<string, string?>? settings = null, bool kestrel = false)
    {
        var app = chinaTime is { } time ? new ReportFormApp(time) { Settings = settings ?? [] } : new ReportFormApp { Settings = settings ?? [] };
        if (kestrel)
        {
            app.UseRealKestrel();
        }

        var education = await app.EnsureDepartmentAsync("市教委");
        var finance = await app.EnsureDepartmentAsync("市财政局");
        await app.EnsureDepartmentAsync("市科技局");
        (app.TaskId, app.CoverageIndicatorId) = await app.WithDbAsync(async db =>
        {
            var task = await db.Tasks.Include(t => t.CoDepartments).SingleAsync(t => t.Plan!.Code == "chongqing" && t.Number == 10);
            task.LeadDepartmentId = education;
            task.CoDepartments.Add(new TaskCoDepartment { TaskId = task.Id, DepartmentId = finance });
            var coverage = await db.Indicators.SingleAsync(i => i.Name == "教共体覆盖率");
            db.IndicatorTaskLinks.Add(new IndicatorTaskLink { IndicatorId = coverage.Id, TaskId = task.Id, LinkedAt = DateTime.UtcNow, LinkedByName = "admin" });
            await db.SaveChangesAsync();
            return (task.Id, coverage.Id);
        });
        return app;
    }

    /// <summary>A client signed in as a new reporter of a department (by short name).</summary>
    public Task<HttpClient> ReporterAsync(string userName, string department) =>
        this.SignedInAsync(userName, [Roles.Reporter], department);

    public Task<int> TaskIdAsync(string planCode, int number) =>
        WithDbAsync(db => db.Tasks.Where(t => t.Plan!.Code == planCode && t.Number == number).Select(t => t.Id).SingleAsync());

    /// <summary>The 2026Q3 report of task 10 by a department, with values and evidence, or null.</summary>
    public Task<ProgressReport?> ReportAsync(string department) =>
        WithDbAsync(db => db.ProgressReports.AsNoTracking()
            .Include(r => r.IndicatorValues)
            .Include(r => r.Evidence)
            .SingleOrDefaultAsync(r => r.TaskId == TaskId && r.Department!.ShortName == department && r.Year == 2026 && r.QuarterNumber == 3));

    /// <summary>The form's fields as a reporter fills them in: status, percent, progress (other fields as shown).</summary>
    public static List<KeyValuePair<string, string>> Filled(string html, string postPath, string progress = "完成全市义务教育优质均衡发展督导评估。", string percent = "60", string status = "OnTrack") =>
        MultipartForms.ReadFields(html, postPath)
            .Set("Status", status)
            .Set("Percent", percent)
            .Set("Progress", progress);

    public static byte[] Pdf() => "%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"u8.ToArray();

    /// <summary>A Windows program: the MZ header and padding.</summary>
    public static byte[] Program()
    {
        var bytes = new byte[2048];
        bytes[0] = (byte)'M';
        bytes[1] = (byte)'Z';
        return bytes;
    }
}
