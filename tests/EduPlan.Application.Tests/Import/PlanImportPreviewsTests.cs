using System.Text;
using EduPlan.Application.Auditing;
using EduPlan.Application.Import;
using EduPlan.Application.Import.Preview;
using EduPlan.Application.Import.Readers;
using EduPlan.Core.Parsing;
using EduPlan.Core.Plans;
using EduPlan.Data;
using EduPlan.Tests.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace EduPlan.Application.Tests.Import;

/// <summary>The import preview: upload, correct, confirm in one transaction, and the corrections remembered for the next import.</summary>
public sealed class PlanImportPreviewsTests : IAsyncLifetime
{
    private const string District = "district-draft-title-two-lines";
    private const string DistrictTitle = "重庆市某某区教育事业发展“十五五”规划";

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 5, 4, 2, 0, 0, TimeSpan.Zero));
    private TestDatabase _database = null!;

    public async Task InitializeAsync() => _database = await TestDatabase.CreateAsync();

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task An_upload_is_a_draft_for_its_uploader_and_writes_no_plan()
    {
        var upload = await Previews().UploadAsync(PlanDocx.FromText(PlanFixtures.Text(District)), "district.docx");

        upload.Succeeded.Should().BeTrue();
        var owner = await Previews().OwnerAsync(upload.Value!.DraftId!.Value);
        owner!.OwnerId.Should().Be("admin-id");
        var preview = (await Previews().PreviewAsync(owner.DraftId)).Value!;
        preview.Format.Should().Be("docx");
        var plan = preview.Plans.Single();
        plan.Plan.Title.Should().Be(DistrictTitle);
        plan.Existing.Should().BeNull();
        plan.Changes.Should().ContainSingle().Which.Change.Should().Be(ImportChangeKind.Added);
        await using var db = _database.CreateContext();
        (await db.Plans.CountAsync()).Should().Be(0);
    }

    [Fact]
    public async Task A_file_the_parser_cannot_read_is_refused_with_its_candidate_titles_and_leaves_no_draft()
    {
        var result = await Previews().UploadAsync(PlanFixtures.Bytes("refused-announcement-only"), "notice.txt");

        result.Kind.Should().Be(ResultKind.Refused);
        var refusal = result.Value!.Refusal!;
        refusal.Line.Should().Be(0);
        refusal.Candidates.Select(c => c.Line).Should().Equal(4, 5);
        result.Reason!.ToString().Should().Contain("未找到可识别的规划");
        await using var db = _database.CreateContext();
        (await db.PlanImportDrafts.CountAsync()).Should().Be(0);
    }

    [Fact]
    public async Task Corrections_shape_the_preview_and_confirming_writes_plan_parent_and_indicators_in_one_go()
    {
        await ImportSeedAsync();
        var id = await UploadAsync(PlanFixtures.Text(District));
        var preview = (await Previews().PreviewAsync(id)).Value!;
        var plan = preview.Plans.Single().Plan;
        var wrong = plan.Indicators.Single(i => i.Name == "中小学校");
        var version = preview.Version;

        preview = await CorrectAsync(id, version++, new SetCode("shapingba-2030"));
        preview = await CorrectAsync(id, version++, new SetParent("chongqing"));
        preview = await CorrectAsync(id, version++, new DropIndicator(wrong.Key, wrong.SourceText));
        var coverage = plan.Indicators.Single(i => i.Name == "教育集团覆盖率");
        preview = await CorrectAsync(id, version++, new EditIndicator(coverage.Key, coverage.SourceText, "教育集团覆盖率", Comparator.AtLeast, 85m, "%", 2030));
        preview = await CorrectAsync(id, version++, new AddIndicator("新建中小学校12所", 2, null, "新建中小学校", Comparator.Equal, 12m, "所", 2030));
        preview = await CorrectAsync(id, version++, new RenameTask(3, "加强党的领导", "坚持和加强党的全面领导"));

        var corrected = preview.Plans.Single().Plan;
        corrected.Code.Should().Be("shapingba-2030");
        corrected.ParentCode.Should().Be("chongqing");
        corrected.Indicators.Should().NotContain(i => i.Name == "中小学校");
        corrected.Indicators.Single(i => i.Name == "教育集团覆盖率").Should().Match<ParsedIndicator>(i => i.Target == 85m && i.Year == 2030 && i.Key == "教育集团覆盖率@2030");
        corrected.Indicators.Single(i => i.Name == "新建中小学校").TaskNumber.Should().Be(2);
        corrected.Tasks.Single(t => t.Number == 3).Title.Should().Be("坚持和加强党的全面领导");
        preview.Plans.Single().Corrections.Should().HaveCount(6).And.OnlyContain(c => c.Applied);

        var confirmed = await Previews().ConfirmAsync(id, version);

        confirmed.Succeeded.Should().BeTrue();
        await using var db = _database.CreateContext();
        var stored = await db.Plans.Include(p => p.Parent).SingleAsync(p => p.Code == "shapingba-2030");
        stored.Parent!.Code.Should().Be("chongqing", "the parent is a real relation, for issue 17's alignment");
        stored.IsDraft.Should().BeTrue();
        (await db.Indicators.Where(i => i.PlanId == stored.Id).Select(i => i.Key).ToListAsync())
            .Should().Contain(["教育集团覆盖率@2030", "新建中小学校@2030"]).And.NotContain(k => k.StartsWith("中小学校@", StringComparison.Ordinal));
        (await db.Tasks.SingleAsync(t => t.PlanId == stored.Id && t.Number == 3)).Title.Should().Be("坚持和加强党的全面领导");
        (await db.Tasks.SingleAsync(t => t.PlanId == stored.Id && t.Number == 1)).Label.Should().Be("（一）");
        (await db.Sections.SingleAsync(s => s.PlanId == stored.Id && s.Number == 2)).Label.Should().Be("二、");
        (await db.PlanImportDrafts.CountAsync()).Should().Be(0);
        (await db.PlanImportMemories.SingleAsync()).DocumentTitle.Should().Be(DistrictTitle);
        var entry = await db.AuditEntries.SingleAsync(e => e.Action == AuditActions.PlansImported);
        entry.ActorName.Should().Be("admin");
        entry.Details.Should().Contain("shapingba-2030").And.Contain("district.docx");
    }

    [Fact]
    public async Task Merging_and_splitting_tasks_numbers_them_by_position_and_moves_indicators_with_their_sentences()
    {
        var id = await UploadAsync(PlanFixtures.Text(District));
        var preview = (await Previews().PreviewAsync(id)).Value!;

        preview = await CorrectAsync(id, preview.Version, new MergeTasks(1, "推进学前教育优质普惠", "推动义务教育优质均衡"));
        var merged = preview.Plans.Single().Plan;
        merged.Tasks.Select(t => t.Number).Should().Equal(1, 2, 3);
        merged.Indicators.Where(i => i.TaskNumber == 1).Select(i => i.Name).Should().Contain(["公办园在园幼儿占比", "教育集团覆盖率"]);

        preview = await CorrectAsync(id, preview.Version, new SplitTask(1, "推进学前教育优质普惠", "推动义务教育优质均衡"));
        var split = preview.Plans.Single().Plan;
        split.Tasks.Select(t => (t.Number, t.Title)).Should().Equal(
            (1, "推进学前教育优质普惠"), (2, "推动义务教育优质均衡"), (3, "加强党的领导"), (4, "强化经费保障"));
        split.Indicators.Single(i => i.Name == "教育集团覆盖率").TaskNumber.Should().Be(2);
        split.Indicators.Single(i => i.Name == "公办园在园幼儿占比").TaskNumber.Should().Be(1);
    }

    [Fact]
    public async Task A_re_import_shows_what_would_change_writes_nothing_until_confirmed_and_keeps_the_remembered_corrections()
    {
        var first = await UploadAsync(PlanFixtures.Text(District));
        var preview = (await Previews().PreviewAsync(first)).Value!;
        preview = await CorrectAsync(first, preview.Version, new SetCode("shapingba-2030"));
        (await Previews().ConfirmAsync(first, preview.Version)).Succeeded.Should().BeTrue();
        var before = await SnapshotAsync();

        // The next version of the document: one task reworded, one added, one gone.
        var changed = PlanFixtures.Text(District)
            .Replace("2.深化集团化办学。教育集团覆盖率达到80%。", "2.深化集团化办学。教育集团覆盖率达到90%。", StringComparison.Ordinal)
            .Replace("（二）强化经费保障。健全教育经费投入机制。", "（二）强化经费保障。健全教育经费投入机制。\n（三）加强督导评估。完善教育督导制度。", StringComparison.Ordinal)
            .Replace("2.提升保教质量。实施幼儿园保教质量提升计划。\n", "", StringComparison.Ordinal);
        var second = await UploadAsync(changed);
        var reimport = (await Previews().PreviewAsync(second)).Value!.Plans.Single();

        reimport.Plan.Code.Should().Be("shapingba-2030", "the code given at the first import is remembered for this document");
        reimport.Existing!.Code.Should().Be("shapingba-2030");
        reimport.Changes.Should().Contain(c => c.Item == ImportItem.Task && c.Key == "5" && c.Change == ImportChangeKind.Added);
        reimport.Changes.Should().Contain(c => c.Item == ImportItem.Task && c.Key == "2" && c.Change == ImportChangeKind.Changed && c.Fields.Contains(ImportField.Text));
        reimport.Changes.Should().Contain(c => c.Item == ImportItem.Indicator && c.Key == "教育集团覆盖率@standing" && c.Fields.Contains(ImportField.Target));
        (await SnapshotAsync()).Should().Equal(before, "a preview writes nothing");

        var taskIds = await TaskIdsAsync("shapingba-2030");
        (await Previews().ConfirmAsync(second, (await Previews().PreviewAsync(second)).Value!.Version)).Succeeded.Should().BeTrue();
        (await TaskIdsAsync("shapingba-2030")).Should().ContainInOrder(taskIds, "ids are kept: rows are updated in place");
    }

    [Fact]
    public async Task A_remembered_correction_the_new_document_no_longer_matches_is_reported_not_applied_to_something_else()
    {
        var first = await UploadAsync(PlanFixtures.Text(District));
        var preview = (await Previews().PreviewAsync(first)).Value!;
        preview = await CorrectAsync(first, preview.Version, new RenameTask(3, "加强党的领导", "坚持党的全面领导"));
        (await Previews().ConfirmAsync(first, preview.Version)).Succeeded.Should().BeTrue();

        var reworded = PlanFixtures.Text(District).Replace("（一）加强党的领导。", "（一）全面加强党的领导。", StringComparison.Ordinal);
        var second = await UploadAsync(reworded);
        var plan = (await Previews().PreviewAsync(second)).Value!.Plans.Single();

        plan.Corrections.Should().ContainSingle().Which.Applied.Should().BeFalse();
        plan.Plan.Tasks.Single(t => t.Number == 3).Title.Should().Be("全面加强党的领导");
    }

    [Fact]
    public async Task The_command_line_import_applies_the_remembered_corrections_too()
    {
        var id = await UploadAsync(PlanFixtures.Text(District));
        var preview = (await Previews().PreviewAsync(id)).Value!;
        preview = await CorrectAsync(id, preview.Version, new SetCode("shapingba-2030"));
        (await Previews().ConfirmAsync(id, preview.Version)).Succeeded.Should().BeTrue();
        var path = Path.Combine(Path.GetTempPath(), $"eduplan-{Guid.NewGuid():N}.txt");
        await File.WriteAllTextAsync(path, PlanFixtures.Text(District));

        try
        {
            await using var db = _database.CreateContext();
            var report = await Service(db).ImportFilesAsync([path]);

            report.Plans.Single().Should().Match<PlanImportSummary>(p => p.Code == "shapingba-2030" && p.Unchanged);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Corrections_that_break_a_rule_are_refused_with_the_reason_and_change_nothing()
    {
        await ImportSeedAsync();
        var id = await UploadAsync(PlanFixtures.Text(District));
        var version = (await Previews().PreviewAsync(id)).Value!.Version;

        var taken = await Previews().CorrectAsync(id, version, DistrictTitle, new SetCode("national"));
        var invalid = await Previews().CorrectAsync(id, version, DistrictTitle, new SetCode("Bad Code"));
        var unknownParent = await Previews().CorrectAsync(id, version, DistrictTitle, new SetParent("nowhere"));
        var years = await Previews().CorrectAsync(id, version, DistrictTitle, new SetYears(2030, 2026));
        var gone = await Previews().CorrectAsync(id, version, DistrictTitle, new RenameTask(1, "不存在的标题", "新标题"));

        taken.Kind.Should().Be(ResultKind.Refused);
        taken.Reason!.ToString().Should().Contain("national").And.Contain("教育强国建设规划纲要");
        invalid.Reason!.ToString().Should().Contain("小写字母");
        unknownParent.Reason!.ToString().Should().Contain("nowhere");
        years.Kind.Should().Be(ResultKind.Refused);
        gone.Reason!.ToString().Should().Contain("已不在规划中");
        (await Previews().PreviewAsync(id)).Value!.Version.Should().Be(version);
    }

    [Fact]
    public async Task Two_windows_correcting_the_same_draft_do_not_overwrite_each_other()
    {
        var id = await UploadAsync(PlanFixtures.Text(District));
        var version = (await Previews().PreviewAsync(id)).Value!.Version;
        (await Previews().CorrectAsync(id, version, DistrictTitle, new SetCode("one"))).Succeeded.Should().BeTrue();

        var late = await Previews().CorrectAsync(id, version, DistrictTitle, new SetCode("two"));
        var lateConfirm = await Previews().ConfirmAsync(id, version);

        late.Kind.Should().Be(ResultKind.Conflict);
        late.Value!.Plans.Single().Plan.Code.Should().Be("one", "the conflict shows the current version");
        lateConfirm.Kind.Should().Be(ResultKind.Conflict);
        await using var db = _database.CreateContext();
        (await db.Plans.CountAsync()).Should().Be(0);
    }

    private async Task<int> UploadAsync(string text) =>
        (await Previews().UploadAsync(Encoding.UTF8.GetBytes(text), "district.docx")).Value!.DraftId!.Value;

    private async Task<PlanImportPreview> CorrectAsync(int id, int version, PlanCorrection correction)
    {
        var result = await Previews().CorrectAsync(id, version, DistrictTitle, correction);
        result.Kind.Should().Be(ResultKind.Saved, result.Reason?.ToString());
        return result.Value!;
    }

    private async Task ImportSeedAsync()
    {
        await using var db = _database.CreateContext();
        await Service(db).ImportFilesAsync([Seeds.Path]);
    }

    private PlanImportPreviews Previews()
    {
        var db = _database.CreateContext();
        var reader = new PlanFileReader(new PlanDocumentParser());
        var importer = new PlanImporter(db, _clock);
        return new PlanImportPreviews(db, reader, importer, new PlanImportService(importer, reader, db),
            new AuditLog(db, new FixedAuditActor("admin-id", "admin", "127.0.0.1"), _clock), _clock);
    }

    private PlanImportService Service(EduPlanDbContext db) =>
        new(new PlanImporter(db, _clock), new PlanFileReader(new PlanDocumentParser()), db);

    private async Task<List<int>> TaskIdsAsync(string code)
    {
        await using var db = _database.CreateContext();
        return await db.Tasks.Where(t => t.Plan!.Code == code).OrderBy(t => t.Id).Select(t => t.Id).ToListAsync();
    }

    private async Task<List<string>> SnapshotAsync()
    {
        await using var db = _database.CreateContext();
        return await DatabaseSnapshot.TakeAsync(db);
    }
}
