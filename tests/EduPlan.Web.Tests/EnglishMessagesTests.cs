using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using EduPlan.Application.Security;
using EduPlan.Core.Plans;
using EduPlan.Core.Reporting;
using EduPlan.Web.Tests.Ownership;
using EduPlan.Web.Tests.Reporting.Editing;
using EduPlan.Web.Tests.Users;
using Microsoft.EntityFrameworkCore;

namespace EduPlan.Web.Tests;

/// <summary>
/// An English reader who makes every mistake the report, user, department, ownership (page and CSV import) and period
/// forms can refuse reads every message in English: the messages on the page hold no Chinese character except the
/// data they quote (task titles, department names, what was typed). Clock: 2026-09-10 10:00 in China (2026Q3 open).
/// </summary>
public sealed partial class EnglishMessagesTests : IAsyncLifetime
{
    private const string Password = OwnershipTestKit.Password;

    private ReportFormApp app = null!;

    /// <summary>Data the messages may quote: whatever the test typed, besides the names and titles stored in the database.</summary>
    private readonly List<string> typed = [];

    public async Task InitializeAsync() =>
        app = await ReportFormApp.StartAsync(settings: new()
        {
            // Small limits, so that "too large" and "too many" take little to trigger.
            ["Reporting:MaxEvidenceBytes"] = "4096",
            ["Reporting:MaxEvidencePerReport"] = "1",
        });

    public Task DisposeAsync()
    {
        app.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task The_user_forms_refuse_in_English()
    {
        var admin = await EnglishAsync(await app.AdminAsync());
        var retired = await RetiredDepartmentAsync();
        await app.CreateUserAsync("taken.name", Password, [Roles.Viewer]);
        var auditor = await app.CreateUserAsync("shen.ji", Password, [Roles.Auditor]);
        var adminId = (await app.FindUserAsync(WebTestHelpers.AdminUserName)).Id;
        Typed("李 四", new string('长', 70), "taken.name");

        var pages = new List<(string What, string Html)>
        {
            ("empty", await Create(admin, ("Input.UserName", ""), ("Input.DisplayName", ""))),
            ("badly formed", await Create(admin,
                ("Input.UserName", "li si"), ("Input.DisplayName", new string('长', 70)),
                ("Input.Phone", "call me"), ("Input.Email", "lisi@"))),
            ("taken", await Create(admin, ("Input.UserName", "taken.name"), ("Input.DisplayName", "李 四"))),
            ("retired department", await Create(admin,
                ("Input.UserName", "wang.wu"), ("Input.DisplayName", "李 四"), ("Input.DepartmentId", Id(retired)))),
            ("no such department", await Create(admin,
                ("Input.UserName", "wang.wu"), ("Input.DisplayName", "李 四"), ("Input.DepartmentId", "999999"))),
            ("stale form", await Edit(admin, adminId, ("Input.DisplayName", "管理员"), ("Input.ConcurrencyStamp", "stale"))),
            ("disable yourself", await Act(admin, adminId, "disable")),
            ("reset your own password", await Act(admin, adminId, "reset-password")),
            ("auditor account", await Act(admin, auditor.Id, "disable")),
        };

        await ShouldBeEnglishAsync(pages, expected: 14);
        Joined(pages).Should().Contain("Enter a user name.")
            .And.Contain("The e-mail address is not valid")
            .And.Contain("The user name “taken.name” is already taken; choose another.")
            .And.Contain("You cannot disable your own account.");
    }

    [Fact]
    public async Task The_security_administration_forms_refuse_in_English()
    {
        var security = await EnglishAsync(await app.SecurityAdminAsync());
        var target = await app.CreateUserAsync("grant.target", Password, [Roles.Viewer]);
        var self = (await app.FindUserAsync(WebTestHelpers.SecurityAdminUserName)).Id;
        Typed("grant.target");

        var pages = new List<(string What, string Html)>
        {
            ("auditor from the portal", await Grant(security, target.Id, Roles.Auditor)),
            ("administrator and auditor", await Grant(security, target.Id, Roles.Administrator, Roles.Auditor)),
            ("separation of duties", await Grant(security, target.Id, Roles.Administrator, Roles.Coordinator)),
            ("own role", await Grant(security, self, Roles.Viewer)),
            ("stale roles", await Grant(security, target.Id, [Roles.Coordinator], stamp: "stale")),
            ("out of range", await PostAsync(security, "/security/settings", "/security/settings",
                ("Input.PasswordMinLength", "4"), ("Input.PasswordRequiredCharacterKinds", "3"), ("Input.PasswordExpiryDays", "90"),
                ("Input.MaxFailedSignIns", "50"), ("Input.LockoutMinutes", "15"), ("Input.IdleTimeoutMinutes", "30"),
                ("Input.MaxEvidenceMegabytes", "10"), ("Input.Version", "0"))),
            ("empty and stale", await PostAsync(security, "/security/settings", "/security/settings",
                ("Input.PasswordMinLength", ""), ("Input.Version", "7"))),
            ("stale settings", await PostAsync(security, "/security/settings", "/security/settings",
                ("Input.PasswordMinLength", "12"), ("Input.PasswordRequiredCharacterKinds", "3"), ("Input.PasswordExpiryDays", "90"),
                ("Input.MaxFailedSignIns", "5"), ("Input.LockoutMinutes", "15"), ("Input.IdleTimeoutMinutes", "30"),
                ("Input.MaxEvidenceMegabytes", "9"), ("Input.Version", "7"))),
        };

        await ShouldBeEnglishAsync(pages, expected: 16);
        Joined(pages).Should().Contain("Separation of duties: Administrator, Security Administrator and Auditor must be different people")
            .And.Contain("You cannot revoke your own Security Administrator role.")
            .And.Contain("Failed sign-ins before the account is locked must be between 3 and 10 (you entered 50).")
            .And.Contain("Someone else changed the security settings meanwhile");
        (await app.RolesOfAsync("grant.target")).Should().Equal(Roles.Viewer);
    }

    [Fact]
    public async Task The_department_forms_refuse_in_English()
    {
        var admin = await EnglishAsync(await app.AdminAsync());
        var top = await AddDepartmentAsync(admin, "重庆市教育考试院", "考试院");
        var below = await AddDepartmentAsync(admin, "考试院直属单位", "直属");
        await app.WithDbAsync(db => db.Departments.Where(d => d.Id == below).ExecuteUpdateAsync(s => s.SetProperty(d => d.ParentId, top)));
        var education = await app.WithDbAsync(db => db.Departments.Where(d => d.ShortName == "市教委").Select(d => d.Id).SingleAsync());
        Typed("市教委、市财政局", "=HYPERLINK", "@SUM", "一个单位", "单位", "长", new string('长', 201));

        var pages = new List<(string What, string Html)>
        {
            ("empty", await NewDepartment(admin, ("Name", ""), ("ShortName", ""), ("Kind", "Other"))),
            ("no such kind", await NewDepartment(admin, ("Name", "一个单位"), ("ShortName", "单位"), ("Kind", "42"))),
            ("too long", await NewDepartment(admin, ("Name", new string('长', 201)), ("ShortName", "长"), ("Kind", "Other"))),
            ("separators", await NewDepartment(admin, ("Name", "一个单位"), ("ShortName", "市教委、市财政局"), ("Kind", "Other"))),
            ("formulas", await NewDepartment(admin, ("Name", "=HYPERLINK"), ("ShortName", "@SUM"), ("Kind", "Other"))),
            ("taken", await NewDepartment(admin, ("Name", "重庆市教育考试院"), ("ShortName", "考试院"), ("Kind", "Other"))),
            ("no such parent", await NewDepartment(admin, ("Name", "一个单位"), ("ShortName", "单位"), ("Kind", "Other"), ("ParentId", "999999"))),
            ("itself as parent", await EditDepartment(admin, top, ("ParentId", top))),
            ("a sub-unit as parent", await EditDepartment(admin, top, ("ParentId", below))),
            ("stale form", await EditDepartment(admin, top, ("ParentId", null), ("Version", "99"))),
            ("in use", await PostAsync(admin, "/admin/departments", $"/admin/departments/{education}/delete", ("version", await VersionAsync(education)))),
            ("stale deactivation", await FollowAsync(admin, await PostResponseAsync(admin, "/admin/departments", $"/admin/departments/{top}/deactivate", ("version", "99")))),
        };

        await ShouldBeEnglishAsync(pages, expected: 14);
        Joined(pages).Should().Contain("Enter the short name.")
            .And.Contain("The short name cannot contain enumeration commas, commas, semicolons")
            .And.Contain("A department cannot be its own parent.")
            .And.Contain("The department still leads 1 task(s), so it cannot be deleted; you can deactivate it instead.");
    }

    [Fact]
    public async Task The_ownership_form_refuses_in_English()
    {
        var admin = await EnglishAsync(await app.AdminAsync());
        var education = await app.EnsureDepartmentAsync("市教委");
        var retired = await RetiredDepartmentAsync();
        const string form = "/ownership/chongqing/tasks/9";

        var pages = new List<(string What, string Html)>
        {
            ("no such departments", await PostAsync(admin, form, form, ("LeadDepartmentId", "999999"), ("CoDepartmentIds", "999998"), ("OwnershipVersion", "0"))),
            ("lead twice", await PostAsync(admin, form, form, ("LeadDepartmentId", Id(education)), ("CoDepartmentIds", Id(education)), ("CoDepartmentIds", Id(education)), ("OwnershipVersion", "0"))),
            ("retired", await PostAsync(admin, form, form, ("LeadDepartmentId", Id(retired)), ("CoDepartmentIds", Id(retired)), ("OwnershipVersion", "0"))),
            ("stale form", await PostAsync(admin, form, form, ("LeadDepartmentId", Id(education)), ("OwnershipVersion", "7"))),
        };

        await ShouldBeEnglishAsync(pages, expected: 6);
        Joined(pages).Should().Contain("The lead department chosen does not exist.")
            .And.Contain("is the lead department and cannot also be a co-department.");
    }

    [Fact]
    public async Task The_ownership_import_refuses_every_bad_row_in_English()
    {
        var admin = await EnglishAsync(await app.AdminAsync());
        await app.EnsureDepartmentAsync("市教委");
        await RetiredDepartmentAsync();
        await app.WithDbAsync(db => db.Tasks.Where(t => t.Plan!.Code == "chongqing" && t.Number == 43)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.WithdrawnAt, DateTimeOffset.UtcNow)));
        // Quoted data: the numerals of the examples, the separator and the header the messages show.
        Typed("九九", "九", "（九）", "、", "市教委、市财政局", "不存在的规划", "不存在的单位", "规划代码,任务序号,牵头单位,参与单位");
        var rows = string.Join("\n",
            "chongqing,1,市教委,,x",
            ",2,市教委,",
            "chongqing,,市教委,",
            "chongqing,九九,市教委,",
            "chongqing,3,\"市教委、市财政局\",",
            "不存在的规划,4,市教委,",
            "chongqing,99,市教委,",
            "chongqing,43,市教委,",
            "chongqing,5,市教委,",
            "chongqing,5,市教委,",
            "chongqing,6,不存在的单位,",
            "chongqing,7,市教委,不存在的单位",
            "chongqing,8,撤并单位,",
            "chongqing,10,市教委,\"市教委\"x",
            "chongqing,11,\uFFFD,",
            "chongqing,12,\"市教委");

        var many = await admin.UploadAsync(Encoding.UTF8.GetBytes(rows), "owners.csv");
        var empty = await admin.UploadAsync(Encoding.UTF8.GetBytes("规划代码,任务序号,牵头单位,参与单位\n"), "empty.csv");
        var notText = await admin.UploadAsync([0xEF, 0xBB, 0xBF, 0xFF, 0xFE, 0x41], "binary.csv");

        var pages = new List<(string What, string Html)>
        {
            ("bad rows", await many.Content.ReadAsStringAsync()),
            ("no rows", await empty.Content.ReadAsStringAsync()),
            ("not UTF-8", await notText.Content.ReadAsStringAsync()),
        };
        many.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        Messages(pages[0].Html).Count(m => m.StartsWith("owners.csv:", StringComparison.Ordinal)).Should().Be(15, "every bad row is named");
        await ShouldBeEnglishAsync(pages, expected: 20);
        Joined(pages).Should().Contain("owners.csv:1: It has 5 columns; there should be 4")
            .And.Contain("owners.csv:7: The plan chongqing has no task 99 (it has 42).")
            .And.Contain("owners.csv:16: A quote is not closed")
            .And.Contain("empty.csv: The file has no task lines")
            .And.Contain("binary.csv:1: Unrecognised text encoding: the file declares itself UTF-8 (with BOM)");
        (await app.WithDbAsync(db => db.Tasks.CountAsync(t => t.Plan!.Code == "chongqing" && t.Number < 10 && t.LeadDepartmentId != null))).Should().Be(0);
    }

    [Fact]
    public async Task The_period_forms_refuse_in_English()
    {
        var coordinator = await EnglishAsync(await app.SignedInAsync("coordinator1", [Roles.Coordinator]));
        var retired = await RetiredDepartmentAsync();
        const string page = "/reporting/periods";
        var tooLong = new string('因', 501);
        Typed(tooLong, "核查");

        var pages = new List<(string What, string Html)>
        {
            ("no reason", await PostAsync(coordinator, page, page + "/2026Q3/close", ("Reason", ""))),
            ("reason too long", await PostAsync(coordinator, page, page + "/2026Q3/close", ("Reason", tooLong))),
            ("already closed", await PostAsync(coordinator, page, page + "/2026Q2/close", ("Reason", "核查"))),
            ("no date", await PostAsync(coordinator, page, page + "/2026Q2/reopen", ("OpenUntil", ""), ("Reason", "核查"))),
            ("date past", await PostAsync(coordinator, page, page + "/2026Q2/reopen", ("OpenUntil", "2026-09-01"), ("Reason", "核查"))),
            ("date too late", await PostAsync(coordinator, page, page + "/2026Q2/reopen", ("OpenUntil", "2030-01-01"), ("Reason", "核查"))),
            ("not a date", await PostAsync(coordinator, page, page + "/2026Q2/reopen", ("OpenUntil", "next week"), ("Reason", "核查"))),
            ("no department", await PostAsync(coordinator, page, page + "/2026Q2/exceptions", ("DepartmentId", ""), ("OpenUntil", "2026-09-20"), ("Reason", "核查"))),
            ("no such department", await PostAsync(coordinator, page, page + "/2026Q2/exceptions", ("DepartmentId", "999999"), ("OpenUntil", "2026-09-20"), ("Reason", "核查"))),
            ("retired department", await PostAsync(coordinator, page, page + "/2026Q2/exceptions", ("DepartmentId", Id(retired)), ("OpenUntil", "2026-09-20"), ("Reason", "核查"))),
        };

        await ShouldBeEnglishAsync(pages, expected: 10);
        Joined(pages).Should().Contain("Enter a reason (reporters will see it).")
            .And.Contain("Entry for 2026 Q2 closed on 2026-07-15; there is nothing to close.")
            .And.Contain("The closing date cannot be later than 2027-06-30 (a year after 2026 Q2 ends).");
    }

    [Fact]
    public async Task The_report_form_refuses_in_English()
    {
        var reporter = await EnglishAsync(await app.ReporterAsync("reporter1", "市教委"));
        var education = await app.EnsureDepartmentAsync("市教委");
        var schools = await LinkCountIndicatorAsync();
        await ApprovedLastQuarterAsync(education, percent: 80);
        var form = app.FormPath;
        var html = await reporter.GetPageAsync(form);
        var coverageRow = Row(html, app.CoverageIndicatorId);
        var schoolsRow = Row(html, schools);
        var tooLong = new string('字', 4001);
        Typed(tooLong, new string('注', 501), "说明", "市教委通知");

        List<KeyValuePair<string, string>> Fields(string status, string percent, string progress = "进展") =>
            ReportFormApp.Filled(html, form, progress, percent, status);

        var pages = new List<(string What, string Html)>
        {
            ("nothing chosen", await SaveAsync(reporter, html, Fields("", ""), submit: false)),
            ("unknown status, percent out of range", await SaveAsync(reporter, html, Fields("Finished", "150"), submit: false)),
            ("completed below 100, no evidence, no progress", await SaveAsync(reporter, html, Fields("Completed", "90", progress: ""), submit: true)),
            ("texts too long", await SaveAsync(reporter, html, Fields("OnTrack", "85", progress: tooLong)
                .Set("Problems", tooLong).Set("NextSteps", tooLong).Set("PercentDropExplanation", tooLong), submit: false)),
            ("percent dropped", await SaveAsync(reporter, html, Fields("OnTrack", "60"), submit: true)),
            ("indicator values", await SaveAsync(reporter, html, Fields("OnTrack", "85")
                .Set($"Indicators[{coverageRow}].Value", "150").Set($"Indicators[{schoolsRow}].Value", "-3"), submit: false)),
            ("more indicator values", await SaveAsync(reporter, html, Fields("OnTrack", "85")
                .Set($"Indicators[{coverageRow}].Value", "86.123456").Set($"Indicators[{schoolsRow}].Value", "999999999999999999"), submit: false)),
            ("indicator notes", await SaveAsync(reporter, html, Fields("OnTrack", "85")
                .Set($"Indicators[{coverageRow}].Value", "").Set($"Indicators[{coverageRow}].Note", "说明")
                .Set($"Indicators[{schoolsRow}].Value", "abc").Set($"Indicators[{schoolsRow}].Note", new string('注', 501)), submit: false)),
            ("links", await SaveAsync(reporter, html, Fields("OnTrack", "85").Set("EvidenceLinkTitle", "市教委通知").Set("EvidenceLinkUrl", ""), submit: false)),
            ("link not http", await SaveAsync(reporter, html, Fields("OnTrack", "85").Set("EvidenceLinkUrl", "javascript:alert(1)"), submit: false)),
            ("link with a password", await SaveAsync(reporter, html, Fields("OnTrack", "85").Set("EvidenceLinkUrl", "https://user:pw@example.org/"), submit: false)),
            ("link too long", await SaveAsync(reporter, html, Fields("OnTrack", "85").Set("EvidenceLinkUrl", "https://example.org/" + new string('a', 2100)), submit: false)),
            ("link title too long", await SaveAsync(reporter, html, Fields("OnTrack", "85")
                .Set("EvidenceLinkUrl", "https://example.org/").Set("EvidenceLinkTitle", new string('t', 300)), submit: false)),
            ("a program", await SaveAsync(reporter, html, Fields("OnTrack", "85"), submit: false, new MultipartFile("evidenceFile", "report.pdf", ReportFormApp.Program()))),
            ("a renamed file", await SaveAsync(reporter, html, Fields("OnTrack", "85"), submit: false, new MultipartFile("evidenceFile", "scan.png", ReportFormApp.Pdf()))),
            ("too large", await SaveAsync(reporter, html, Fields("OnTrack", "85"), submit: false, new MultipartFile("evidenceFile", "big.pdf", [.. ReportFormApp.Pdf(), .. new byte[5000]]))),
        };

        // One piece of evidence is saved (the limit is one), so a second is too many; a form read before a save is
        // stale; a submitted report cannot be changed.
        await SaveAsync(reporter, html, Fields("OnTrack", "85").Set("EvidenceLinkUrl", "https://example.org/1"), submit: false, HttpStatusCode.Redirect);
        html = await reporter.GetPageAsync(form);
        pages.Add(("too much evidence", await SaveAsync(reporter, html, ReportFormApp.Filled(html, form, "进展", "85").Set("EvidenceLinkUrl", "https://example.org/2"), submit: false)));
        var stale = html;
        await SaveAsync(reporter, html, ReportFormApp.Filled(html, form, "另一段进展", "85"), submit: false, HttpStatusCode.Redirect);
        pages.Add(("saved meanwhile", await SaveAsync(reporter, stale, ReportFormApp.Filled(stale, form, "进展", "85"), submit: false)));
        html = await reporter.GetPageAsync(form);
        await SaveAsync(reporter, html, ReportFormApp.Filled(html, form, "进展", "85"), submit: true, HttpStatusCode.Redirect);
        pages.Add(("submitted", await reporter.GetPageAsync(form)));
        pages.Add(("closed quarter", await reporter.GetPageAsync($"/my/tasks/{app.TaskId}/2026Q1")));
        var withdrawn = await app.TaskIdAsync("chongqing", 43);
        await app.WithDbAsync(db => db.Tasks.Where(t => t.Id == withdrawn)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.WithdrawnAt, DateTimeOffset.UtcNow).SetProperty(t => t.LeadDepartmentId, education)));
        pages.Add(("withdrawn task", await reporter.GetPageAsync($"/my/tasks/{withdrawn}/2026Q3")));
        var otherTask = await app.TaskIdAsync("chongqing", 11);
        var notOurs = await reporter.GetAsync($"/my/tasks/{otherTask}/2026Q3");
        notOurs.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        pages.Add(("not our task", await notOurs.Content.ReadAsStringAsync()));

        await ShouldBeEnglishAsync(pages, expected: 35);
        Joined(pages).Should().Contain("Choose the task's status")
            .And.Contain("The status is not valid; choose one of Not started, On track, At risk, Delayed, Completed")
            .And.Contain("When the status is \"Completed\", the percentage complete must be 100% (it is 90%)")
            .And.Contain("The percentage complete (60%) is below the 80% approved for 2026 Q2; please explain why")
            .And.Contain("This report has been submitted and is waiting for review")
            .And.Contain("Entry for 2026 Q1 closed on 2026-04-15")
            .And.Contain("Someone else has saved this report (")
            .And.Contain("This task has been withdrawn from the plan's text")
            .And.Contain("This task does not belong to your department");
    }

    /// <summary>Switches the client to English, as the language menu does.</summary>
    private static async Task<HttpClient> EnglishAsync(HttpClient client)
    {
        var response = await client.PostFormAsync("/targets", "/language", new Dictionary<string, string> { ["culture"] = "en", ["returnUrl"] = "/" });
        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await client.GetPageAsync("/targets")).Should().Contain("<html lang=\"en\">");
        return client;
    }

    /// <summary>
    /// Every page shows at least one message and, all together, at least <paramref name="expected"/>; no message holds a
    /// CJK character once the data it quotes (names and titles from the database, what the test typed) is taken out.
    /// </summary>
    private async Task ShouldBeEnglishAsync(List<(string What, string Html)> pages, int expected)
    {
        var data = await DataAsync();
        var all = new List<string>();
        foreach (var (what, html) in pages)
        {
            html.Should().Contain("<html lang=\"en\">", what);
            var messages = Messages(html);
            messages.Should().NotBeEmpty($"the page after \"{what}\" should say what is wrong");
            foreach (var message in messages)
            {
                var left = data.Aggregate(message, (text, datum) => text.Replace(datum, "", StringComparison.Ordinal));
                Cjk().IsMatch(left).Should().BeFalse($"after \"{what}\" the message \"{message}\" should be English (data aside)");
            }

            all.AddRange(messages);
        }

        all.Should().HaveCountGreaterThanOrEqualTo(expected, string.Join("\n", all));
    }

    /// <summary>The texts the pages show as errors: field messages, summaries, alerts, refusals and the import's bad rows.</summary>
    private static List<string> Messages(string html) => MessageElement().Matches(html).Select(m => m.Groups["body"].Value)
        .Concat(ImportErrors().Matches(html).SelectMany(list => Code().Matches(list.Value).Select(c => c.Groups["body"].Value)))
        .Select(body => WebUtility.HtmlDecode(Tag().Replace(body, " ")).Trim())
        .Select(t => Space().Replace(t, " "))
        .Where(t => t.Length > 0)
        .ToList();

    private static string Joined(List<(string What, string Html)> pages) => string.Join("\n", pages.SelectMany(p => Messages(p.Html)));

    /// <summary>Names and titles the messages may quote, longest first (so a name inside a longer one goes with it).</summary>
    private async Task<List<string>> DataAsync()
    {
        var stored = await app.WithDbAsync(async db =>
        {
            var names = new List<string>();
            names.AddRange(await db.Departments.Select(d => d.Name).ToListAsync());
            names.AddRange(await db.Departments.Select(d => d.ShortName).ToListAsync());
            names.AddRange(await db.Plans.Select(p => p.Title).ToListAsync());
            names.AddRange(await db.Users.Select(u => u.DisplayName).ToListAsync());
            names.AddRange(await db.Indicators.Select(i => i.Name).ToListAsync());
            var tasks = await db.Tasks.Select(t => new { t.Number, t.Title }).ToListAsync();
            names.AddRange(tasks.Select(t => ChineseNumerals.TaskMarker(t.Number) + t.Title));
            names.AddRange(tasks.Select(t => t.Title));
            return names;
        });
        return [.. stored.Concat(typed).Concat(Enumerable.Range(1, 99).Select(ChineseNumerals.TaskMarker)).Distinct().OrderByDescending(s => s.Length)];
    }

    private void Typed(params string[] values) => typed.AddRange(values);

    /// <summary>A department that has been deactivated (停用), so it can no longer be chosen.</summary>
    private async Task<int> RetiredDepartmentAsync()
    {
        var id = await app.EnsureDepartmentAsync("撤并单位");
        await app.WithDbAsync(db => db.Departments.Where(d => d.Id == id).ExecuteUpdateAsync(s => s.SetProperty(d => d.IsActive, false)));
        return id;
    }

    private static string Id(int id) => id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<string> ContentAsync(HttpResponseMessage response) => await response.Content.ReadAsStringAsync();

    private static async Task<string> PostAsync(HttpClient client, string formPath, string postPath, params (string Name, string? Value)[] fields) =>
        await ContentAsync(await client.PostUnofferedAsync(formPath, postPath, [.. fields.Where(f => f.Value is not null).Select(f => (f.Name, f.Value!))]));

    private static Task<HttpResponseMessage> PostResponseAsync(HttpClient client, string formPath, string postPath, (string Name, string Value) field) =>
        client.PostUnofferedAsync(formPath, postPath, field);

    private static async Task<string> FollowAsync(HttpClient client, HttpResponseMessage response)
    {
        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        return await client.GetPageAsync(response.Headers.Location!.OriginalString);
    }

    private static Task<string> Create(HttpClient admin, params (string Name, string Value)[] fields) =>
        PostAsync(admin, "/admin/users/new", "/admin/users/new", [.. fields.Select(f => (f.Name, (string?)f.Value))]);

    private static async Task<string> Edit(HttpClient admin, string userId, params (string Name, string Value)[] fields)
    {
        var path = UsersTestKit.EditPath(userId);
        var page = await admin.GetPageAsync(path);
        var stamp = UsersTestKit.ConcurrencyStampInput(page)!;
        var all = fields.Any(f => f.Name == "Input.ConcurrencyStamp") ? fields : [.. fields, ("Input.ConcurrencyStamp", stamp)];
        return await ContentAsync(await admin.PostFieldsAsync(path, path, all));
    }

    /// <summary>The security administrator's roles form for a user, with these roles ticked.</summary>
    private static Task<string> Grant(HttpClient security, string userId, params string[] roles) => Grant(security, userId, roles, stamp: null);

    private static async Task<string> Grant(HttpClient security, string userId, string[] roles, string? stamp)
    {
        var path = $"/security/users/{Uri.EscapeDataString(userId)}";
        stamp ??= UsersTestKit.ConcurrencyStampInput(await security.GetPageAsync(path))!;
        return await ContentAsync(await security.PostFieldsAsync(path, path + "/roles", [.. roles.Select(r => ("Input.Roles", r)), ("Input.ConcurrencyStamp", stamp)]));
    }

    /// <summary>A button on the user's page (disable, reset-password …), then the page it returns to with the refusal.</summary>
    private static async Task<string> Act(HttpClient admin, string userId, string action) =>
        await FollowAsync(admin, await admin.PostUnofferedAsync(UsersTestKit.EditPath(userId), $"/admin/users/{Uri.EscapeDataString(userId)}/{action}"));

    private static Task<string> NewDepartment(HttpClient admin, params (string Name, string? Value)[] fields) =>
        PostAsync(admin, "/admin/departments/new", "/admin/departments/new", fields);

    private async Task<string> EditDepartment(HttpClient admin, int id, params (string Name, object? Value)[] changes)
    {
        var stored = await app.WithDbAsync(db => db.Departments.AsNoTracking().SingleAsync(d => d.Id == id));
        var fields = new Dictionary<string, string?>
        {
            ["Name"] = stored.Name,
            ["ShortName"] = stored.ShortName,
            ["Kind"] = stored.Kind.ToString(),
            ["IsActive"] = "true",
            ["Version"] = Id(stored.Version),
        };
        foreach (var (name, value) in changes)
        {
            fields[name] = value is int number ? Id(number) : (string?)value;
        }

        var path = $"/admin/departments/{id}/edit";
        return await PostAsync(admin, path, path, [.. fields.Select(f => (f.Key, f.Value))]);
    }

    private async Task<int> AddDepartmentAsync(HttpClient admin, string name, string shortName)
    {
        var response = await admin.PostFormAsync("/admin/departments/new", "/admin/departments/new",
            new Dictionary<string, string> { ["Name"] = name, ["ShortName"] = shortName, ["Kind"] = "Other", ["ParentId"] = "" });
        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        return await app.WithDbAsync(db => db.Departments.Where(d => d.ShortName == shortName).Select(d => d.Id).SingleAsync());
    }

    private Task<string> VersionAsync(int departmentId) =>
        app.WithDbAsync(async db => Id(await db.Departments.Where(d => d.Id == departmentId).Select(d => d.Version).SingleAsync()));

    /// <summary>A count indicator (unit 所, not a percentage) linked to the task too, so negative and huge values are refused.</summary>
    private Task<int> LinkCountIndicatorAsync() => app.WithDbAsync(async db =>
    {
        var indicator = await db.Indicators.Where(i => i.Plan!.Code == "chongqing" && i.Unit == "所" && i.WithdrawnAt == null).OrderBy(i => i.Id).FirstAsync();
        db.IndicatorTaskLinks.Add(new IndicatorTaskLink { IndicatorId = indicator.Id, TaskId = app.TaskId, LinkedAt = DateTime.UtcNow, LinkedByName = "admin" });
        await db.SaveChangesAsync();
        return indicator.Id;
    });

    /// <summary>The department's approved 2026Q2 report, so that a lower percent needs an explanation.</summary>
    private Task ApprovedLastQuarterAsync(int departmentId, int percent) => app.WithDbAsync(async db =>
    {
        var now = DateTime.UtcNow;
        db.ProgressReports.Add(new ProgressReport
        {
            TaskId = app.TaskId,
            DepartmentId = departmentId,
            Year = 2026,
            QuarterNumber = 2,
            State = ReportState.Approved,
            Status = ReportStatus.OnTrack,
            Percent = percent,
            Progress = "上季度进展",
            CreatedAt = now,
            UpdatedAt = now,
            UpdatedByName = "reporter1",
            SubmittedAt = now,
            ApprovedAt = now,
            ApprovedByName = "coordinator",
        });
        return await db.SaveChangesAsync();
    });

    /// <summary>The row of the form's indicator table that holds <paramref name="indicatorId"/>.</summary>
    private static int Row(string html, int indicatorId)
    {
        var match = Regex.Match(html, $"name=\"Indicators\\[(\\d+)\\]\\.IndicatorId\"[^>]*value=\"{indicatorId}\"|value=\"{indicatorId}\"[^>]*name=\"Indicators\\[(\\d+)\\]\\.IndicatorId\"");
        match.Success.Should().BeTrue($"the form should have a row for indicator {indicatorId}");
        return int.Parse(match.Groups[1].Success ? match.Groups[1].Value : match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    private Task<string> SaveAsync(
        HttpClient reporter, string html, List<KeyValuePair<string, string>> fields, bool submit, params MultipartFile[] files) =>
        SaveAsync(reporter, html, fields, submit, HttpStatusCode.UnprocessableEntity, files);

    private async Task<string> SaveAsync(
        HttpClient reporter, string html, List<KeyValuePair<string, string>> fields, bool submit, HttpStatusCode status, params MultipartFile[] files)
    {
        fields.Add(new("intent", submit ? "submit" : "save"));
        var response = await reporter.PostMultipartAsync(html, app.FormPath, app.FormPath, fields, files);
        var body = await response.Content.ReadAsStringAsync();
        if (status == HttpStatusCode.Redirect)
        {
            response.StatusCode.Should().Be(HttpStatusCode.Redirect, string.Join("\n", Messages(body)));
            return "";
        }

        response.StatusCode.Should().BeOneOf(HttpStatusCode.UnprocessableEntity, HttpStatusCode.Conflict);
        return body;
    }

    [GeneratedRegex("<(?<tag>span|div|ul|p|strong)\\b[^>]*\\bclass=\"[^\"]*\\b(?:field-validation-error|validation-summary-errors|invalid-feedback|alert-danger|refusal-reason|conflict-reason|conflict-notice|delete-refusal)\\b[^\"]*\"[^>]*>(?<body>.*?)</\\k<tag>>", RegexOptions.Singleline)]
    private static partial Regex MessageElement();

    [GeneratedRegex("<ul class=\"import-errors\">.*?</ul>", RegexOptions.Singleline)]
    private static partial Regex ImportErrors();

    [GeneratedRegex("<code>(?<body>.*?)</code>", RegexOptions.Singleline)]
    private static partial Regex Code();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tag();

    [GeneratedRegex("\\s+")]
    private static partial Regex Space();

    /// <summary>Han characters, CJK punctuation (、。《》「」) and full-width forms (，：（）).</summary>
    [GeneratedRegex("[\\p{IsCJKUnifiedIdeographs}\\p{IsCJKSymbolsandPunctuation}\\p{IsHalfwidthandFullwidthForms}]")]
    private static partial Regex Cjk();
}
