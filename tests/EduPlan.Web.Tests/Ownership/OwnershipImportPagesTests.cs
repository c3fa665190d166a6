using System.Net;
using System.Text;
using EduPlan.Application.Auditing;
using EduPlan.Application.Security;
using Microsoft.EntityFrameworkCore;

namespace EduPlan.Web.Tests.Ownership;

public sealed class OwnershipImportPagesTests : IClassFixture<EduPlanWebFactory>
{
    private const string Header = "规划代码,任务序号,牵头单位,参与单位\r\n";

    private readonly EduPlanWebFactory _factory;

    public OwnershipImportPagesTests(EduPlanWebFactory factory) => _factory = factory;

    private static Encoding Gb18030()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding("GB18030");
    }

    private Task<int?> LeadAsync(string plan, int number) =>
        _factory.WithDbAsync(db => db.Tasks.Where(t => t.Plan!.Code == plan && t.Number == number).Select(t => t.LeadDepartmentId).SingleAsync());

    [Fact]
    public async Task A_good_file_saved_by_Excel_in_GB18030_is_applied_and_the_result_lists_the_changed_tasks()
    {
        var education = await _factory.EnsureDepartmentAsync("市教委");
        var finance = await _factory.EnsureDepartmentAsync("市财政局");
        var admin = await _factory.AdminAsync();
        var file = Gb18030().GetBytes(Header + "chongqing,1,市教委,\"市财政局\"\r\nchongqing,2,测试单位市财政局,\r\n");

        var response = await admin.UploadAsync(file, "分工表.csv");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var html = WebTestHelpers.Decoded(await response.Content.ReadAsStringAsync());
        html.Should().Contain("已导入“分工表.csv”：2 项任务的分工已更新，0 项没有变化。");
        html.Should().Contain("牵头：测试单位市教委；参与：测试单位市财政局");
        (await LeadAsync("chongqing", 1)).Should().Be(education);
        (await LeadAsync("chongqing", 2)).Should().Be(finance);
        (await _factory.AuditAsync(AuditActions.OwnershipImported)).Should().ContainSingle(e => e.Details!.Contains("分工表.csv"))
            .Which.ActorName.Should().Be(WebTestHelpers.AdminUserName);
    }

    [Fact]
    public async Task A_file_with_bad_rows_writes_nothing_and_the_page_names_every_bad_row()
    {
        await _factory.EnsureDepartmentAsync("市教委");
        var admin = await _factory.AdminAsync();
        var file = Encoding.UTF8.GetBytes(Header + "chongqing,3,市教委,\r\nchongqing,99,市教委,\r\nchongqing,4,不存在的局,\r\n");

        var response = await admin.UploadAsync(file, "bad.csv");

        response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        var html = WebTestHelpers.Decoded(await response.Content.ReadAsStringAsync());
        html.Should().Contain("“bad.csv”中有 2 处错误，没有导入任何内容。");
        html.Should().Contain("bad.csv:3: 规划 chongqing 中没有第 99 项任务（现有 43 项）。");
        html.Should().Contain("bad.csv:4: 找不到牵头单位“不存在的局”");
        (await LeadAsync("chongqing", 3)).Should().BeNull("the good row 2 is not applied either");
    }

    [Fact]
    public async Task Check_only_reports_what_would_change_and_writes_nothing()
    {
        await _factory.EnsureDepartmentAsync("市教委");
        var admin = await _factory.AdminAsync();

        var response = await admin.UploadAsync(Encoding.UTF8.GetBytes(Header + "national,5,市教委,\r\n"), "check.csv", dryRun: true);

        WebTestHelpers.Decoded(await response.Content.ReadAsStringAsync()).Should().Contain("已检查“check.csv”，没有错误：导入后将更新 1 项任务");
        (await LeadAsync("national", 5)).Should().BeNull();
    }

    [Theory]
    [InlineData("owners.xlsx", "只能上传 .csv 文件")]
    [InlineData("empty.csv", "文件“empty.csv”是空文件（0 字节），请选择有内容的文件。")]
    public async Task A_file_that_is_not_a_CSV_or_is_empty_is_refused_on_the_upload_form(string fileName, string message)
    {
        var admin = await _factory.AdminAsync();
        var content = fileName == "empty.csv" ? Array.Empty<byte>() : Encoding.UTF8.GetBytes(Header);

        var response = await admin.UploadAsync(content, fileName);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        WebTestHelpers.Decoded(await response.Content.ReadAsStringAsync()).Should().Contain(message);
    }

    [Fact]
    public async Task A_file_over_the_size_limit_is_refused_with_a_message()
    {
        var admin = await _factory.AdminAsync();
        var content = Encoding.UTF8.GetBytes(Header + new string('#', Features.Ownership.OwnershipController.MaxUploadBytes));

        var response = await admin.UploadAsync(content, "big.csv");

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        WebTestHelpers.Decoded(await response.Content.ReadAsStringAsync()).Should().Contain("文件太大：最大 1024 KB。");
    }

    [Fact]
    public async Task A_file_over_the_form_limit_gets_413_saying_the_limit_not_a_missing_page()
    {
        var admin = await _factory.AdminAsync();
        var content = new byte[(5 * Features.Ownership.OwnershipController.MaxUploadBytes) + 1];

        var response = await admin.UploadAsync(content, "huge.csv");

        response.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        var html = WebTestHelpers.Decoded(await response.Content.ReadAsStringAsync());
        html.Should().NotContain("页面不存在", "the error page itself must not fail on the unreadable form");
        var limit = Infrastructure.RequestTooLargeMiddleware.Megabytes(4L * Features.Ownership.OwnershipController.MaxUploadBytes);
        html.Should().Contain($"提交的内容超过了 {limit} MB 的上限");
    }

    [Fact]
    public async Task The_template_lists_every_task_with_its_owners_and_imports_back_unchanged()
    {
        var education = await _factory.EnsureDepartmentAsync("市教委");
        await _factory.WithDbAsync(db => db.Tasks.Where(t => t.Plan!.Code == "chongqing" && t.Number == 40)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.LeadDepartmentId, education)));
        var admin = await _factory.AdminAsync();

        var response = await admin.GetAsync("/ownership/template.csv?plan=chongqing");
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var upload = await admin.UploadAsync(bytes, "ownership-chongqing.csv");

        response.Content.Headers.ContentType!.MediaType.Should().Be("text/csv");
        bytes.Take(3).Should().Equal(0xEF, 0xBB, 0xBF);
        var text = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
        text.Should().StartWith("规划代码,任务序号,牵头单位,参与单位\r\n");
        text.Should().Contain("chongqing,40,市教委,\r\n");
        text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Should().HaveCount(44);
        WebTestHelpers.Decoded(await upload.Content.ReadAsStringAsync()).Should().Contain("0 项任务的分工已更新，43 项没有变化");
    }

    [Fact]
    public async Task A_coordinator_may_import_too()
    {
        var science = await _factory.EnsureDepartmentAsync("市科技局");
        var coordinator = await _factory.SignedInAsync("import-coordinator", [Roles.Coordinator]);

        var response = await coordinator.UploadAsync(Encoding.UTF8.GetBytes("national,6,市科技局\r\n"), "coordinator.csv");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await LeadAsync("national", 6)).Should().Be(science);
    }
}
