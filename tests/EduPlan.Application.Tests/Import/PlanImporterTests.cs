using EduPlan.Application.Import;
using EduPlan.Core.Messages;
using EduPlan.Core.Parsing;
using EduPlan.Core.Plans;
using EduPlan.Data;
using EduPlan.Tests;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace EduPlan.Application.Tests.Import;

public sealed class PlanImporterTests : IAsyncLifetime
{
    private static readonly DateTimeOffset FirstImport = new(2025, 3, 1, 8, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _clock = new(FirstImport);
    private TestDatabase _database = null!;

    public async Task InitializeAsync() => _database = await TestDatabase.CreateAsync();

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private async Task<ImportReport> ImportAsync(params ParsedDocument[] documents)
    {
        await using var db = _database.CreateContext();
        return await new PlanImporter(db, _clock).ImportAsync(documents);
    }

    private async Task<List<string>> SnapshotAsync()
    {
        await using var db = _database.CreateContext();
        return await DatabaseSnapshot.TakeAsync(db);
    }

    [Fact]
    public async Task First_import_of_the_seed_writes_both_plans_with_every_row()
    {
        var report = await ImportAsync(Seeds.Parse());

        await using var db = _database.CreateContext();
        (await db.Plans.CountAsync()).Should().Be(2);
        (await db.Sections.CountAsync()).Should().Be(11 + 13);
        (await db.Tasks.CountAsync()).Should().Be(81);
        (await db.Tasks.CountAsync(t => t.Plan!.Code == PlanCodes.National)).Should().Be(38);
        (await db.Tasks.CountAsync(t => t.Plan!.Code == PlanCodes.Chongqing)).Should().Be(43);
        (await db.Milestones.CountAsync()).Should().Be(5);
        (await db.Goals.CountAsync()).Should().Be(5);
        (await db.Indicators.CountAsync()).Should().Be(9);

        report.Plans.Select(p => (p.Code, p.Sections, p.Tasks, p.Milestones, p.Goals, p.Indicators, p.Unchanged)).Should().Equal(
            (PlanCodes.National, 11, 38, 2, 0, 2, false),
            (PlanCodes.Chongqing, 13, 43, 3, 5, 7, false));
        report.Plans.Select(p => (p.Added, p.Updated, p.Removed)).Should().Equal(
            (1 + 11 + 38 + 2 + 0 + 2, 0, 0),
            (1 + 13 + 43 + 3 + 5 + 7, 0, 0));
        report.Changes.Should().Equal(
            "national: added (11 sections, 38 tasks, 2 milestones, 0 goals, 2 indicators)",
            "chongqing: added (13 sections, 43 tasks, 3 milestones, 5 goals, 7 indicators)");
        report.Warnings.Should().BeEmpty();
    }

    [Fact]
    public async Task First_import_stores_plan_fields_links_and_the_file_name_only()
    {
        var document = Seeds.Parse();
        document.SourceName.Should().Contain(Path.DirectorySeparatorChar.ToString(), "ParseFile passes the full path, which must not be stored");

        await ImportAsync(document);

        await using var db = _database.CreateContext();
        var plans = await db.Plans.AsNoTracking().OrderBy(p => p.SortOrder).ToListAsync();
        plans.Select(p => (p.Code, p.SortOrder, p.SourceName, p.ImportedAt)).Should().Equal(
            (PlanCodes.National, 0, Seeds.FileName, FirstImport),
            (PlanCodes.Chongqing, 1, Seeds.FileName, FirstImport));
        plans[0].ParentId.Should().BeNull();
        plans[1].ParentId.Should().Be(plans[0].Id);
        plans[1].IssuedOn.Should().Be("2024-12");
        plans.Select(p => p.ContentHash).Should().Equal(document.Plans.Select(p => p.ContentHash));

        var chongqing = plans[1].Id;
        var task11 = await db.Tasks.SingleAsync(t => t.PlanId == chongqing && t.Number == 11);
        var specialHighSchools = await db.Indicators.SingleAsync(i => i.PlanId == chongqing && i.Key == "科学、人文、外语、体育、艺术等特色高中@standing");
        specialHighSchools.TaskId.Should().Be(task11.Id);
        specialHighSchools.MilestoneId.Should().BeNull();
        specialHighSchools.Target.Should().Be(100m);
        specialHighSchools.Comparator.Should().Be(Comparator.Equal);

        var milestone2027 = await db.Milestones.SingleAsync(m => m.PlanId == chongqing && m.Year == 2027);
        var coverage = await db.Indicators.SingleAsync(i => i.PlanId == chongqing && i.Key == "教共体覆盖率@2027");
        coverage.MilestoneId.Should().Be(milestone2027.Id);
        coverage.TaskId.Should().BeNull();

        var task9 = await db.Tasks.Include(t => t.Section).SingleAsync(t => t.PlanId == chongqing && t.Number == 9);
        task9.Section!.Number.Should().Be(4);
        task9.Title.Should().Be("推进学前教育优质普惠发展");
    }

    [Fact]
    public async Task Comparator_is_stored_by_name_so_the_database_reads_without_the_enum()
    {
        await ImportAsync(Seeds.Parse());

        (await _database.ScalarAsync("SELECT \"Comparator\" FROM \"Indicators\" WHERE \"Key\" = '教共体覆盖率@2027'")).Should().Be("AtLeast");
    }

    [Fact]
    public async Task Importing_the_same_document_again_reports_unchanged_and_changes_no_row()
    {
        await ImportAsync(Seeds.Parse());
        var before = await SnapshotAsync();
        _clock.Advance(TimeSpan.FromDays(1));

        var log = new CommandLog();
        ImportReport report;
        await using (var db = _database.CreateContext(log))
        {
            report = await new PlanImporter(db, _clock).ImportAsync([Seeds.Parse()]);
        }

        report.Plans.Should().OnlyContain(p => p.Unchanged && p.Added == 0 && p.Updated == 0 && p.Removed == 0);
        report.Plans.Select(p => p.Tasks).Should().Equal(38, 43);
        report.Changes.Should().BeEmpty();
        report.HasChanges.Should().BeFalse();
        (await SnapshotAsync()).Should().Equal(before, "ImportedAt must not move either");
        log.Commands.Should().ContainSingle("an unchanged plan is skipped on its content hash after one query for all plans");
    }

    [Fact]
    public async Task A_changed_document_updates_rows_in_place_keeps_ids_and_names_each_change()
    {
        await ImportAsync(Seeds.Parse());
        var before = await SnapshotAsync();
        var idsBefore = await NaturalKeyIdsAsync();

        var edited = Seeds.Text
            .ReplaceOnce(SeedEdits.ChongqingTask9Phrase, "持续提高公办幼儿园在园幼儿占比")
            .ReplaceOnce(SeedEdits.NationalFundingSentence, "国家财政性教育经费支出占国内生产总值比例高于5%")
            .InsertLineBefore(SeedEdits.Chongqing2029Start, "——服务国家战略能力显著提升。高校服务区域发展的能力持续增强。");
        _clock.Advance(TimeSpan.FromDays(1));

        var log = new CommandLog();
        ImportReport report;
        await using (var db = _database.CreateContext(log))
        {
            report = await new PlanImporter(db, _clock).ImportAsync([Seeds.ParseText(edited)]);
        }

        report.Changes.Should().BeEquivalentTo(
            "national task 34: text changed",
            "national indicator 国家财政性教育经费支出占国内生产总值比例@standing: target 4 → 5, source text changed",
            "chongqing section 1: text changed",
            "chongqing task 9: text changed",
            "chongqing milestone 2027 goal 6: added");
        report.Plans.Select(p => (p.Code, p.Added, p.Updated, p.Removed, p.Unchanged)).Should().Equal(
            (PlanCodes.National, 0, 2, 0, false),
            (PlanCodes.Chongqing, 1, 2, 0, false));
        report.Plans[1].Goals.Should().Be(6);
        report.Warnings.Should().BeEmpty();

        var idsAfter = await NaturalKeyIdsAsync();
        idsAfter.Should().Contain(idsBefore, "every row that still matches keeps its id");
        idsAfter.Except(idsBefore).Select(r => r[..r.IndexOf(" #", StringComparison.Ordinal)]).Should().Equal("goal chongqing 2027 6");

        var after = await SnapshotAsync();
        var changedRows = after.Except(before).Select(r => r.Split('|')[0]).Order().ToList();
        changedRows.Should().Equal("goal", "indicator", "plan", "plan", "section", "task", "task");

        await using var check = _database.CreateContext();
        var funding = await check.Indicators.SingleAsync(i => i.Key == "国家财政性教育经费支出占国内生产总值比例@standing");
        funding.Target.Should().Be(5m);
        (await check.Plans.Select(p => p.ImportedAt).ToListAsync()).Should().OnlyContain(t => t == FirstImport.AddDays(1));
        log.Selects.Should().HaveCountLessThanOrEqualTo(1 + 2 * 5, "existing rows are loaded with a few set-based queries per plan, not one per row");
    }

    [Fact]
    public async Task Only_the_changed_plan_is_reloaded_the_other_is_skipped()
    {
        await ImportAsync(Seeds.Parse());
        var edited = Seeds.Text.ReplaceOnce(SeedEdits.ChongqingTask9Phrase, "持续提高公办幼儿园在园幼儿占比");

        var report = await ImportAsync(Seeds.ParseText(edited));

        report.Plans.Select(p => (p.Code, p.Unchanged)).Should().Equal((PlanCodes.National, true), (PlanCodes.Chongqing, false));
        report.Changes.Should().Equal("chongqing task 9: text changed");
    }

    [Fact]
    public async Task Removing_a_goal_deletes_it_and_the_indicators_read_from_it()
    {
        await ImportAsync(Seeds.Parse());
        var edited = Seeds.Text.RemoveLineStartingWith(SeedEdits.LastChongqingGoalStart);

        var report = await ImportAsync(Seeds.ParseText(edited));

        // The goals are written in the body of section 1 (总体要求), so its text changes too.
        report.Changes.Should().BeEquivalentTo(
            "chongqing section 1: text changed",
            "chongqing milestone 2027 goal 5: removed",
            "chongqing indicator 普通本科高校专任教师博士学位占比@2027: removed",
            "chongqing indicator 职业教育“双师型”教师占比@2027: removed");
        report.Plans[1].Removed.Should().Be(3);
        await using var db = _database.CreateContext();
        (await db.Goals.CountAsync()).Should().Be(4);
        (await db.Indicators.CountAsync()).Should().Be(7);
    }

    [Fact]
    public async Task A_new_milestone_is_added_and_a_vanished_one_removed_with_its_goals()
    {
        await ImportAsync(Seeds.Parse());
        var added = Seeds.Text.InsertLineBefore(SeedEdits.Chongqing2035Start, "到2031年，教育强市建设迈上新台阶。");

        var report = await ImportAsync(Seeds.ParseText(added));
        report.Changes.Should().Equal("chongqing section 1: text changed", "chongqing milestone 2031: added");

        var idsBefore = await NaturalKeyIdsAsync();
        var withoutGoals = Seeds.Text.RemoveLineStartingWith("到2029年，");
        report = await ImportAsync(Seeds.ParseText(withoutGoals));

        report.Changes.Should().BeEquivalentTo(
            "chongqing section 1: text changed", "chongqing milestone 2029: removed", "chongqing milestone 2031: removed");
        await using var db = _database.CreateContext();
        (await db.Milestones.Where(m => m.Plan!.Code == PlanCodes.Chongqing).Select(m => m.Year).OrderBy(y => y).ToListAsync())
            .Should().Equal(2027, 2035);
        (await NaturalKeyIdsAsync()).Should().BeSubsetOf(idsBefore, "the rows that remain keep their ids");
    }

    [Fact]
    public async Task A_task_that_left_the_document_is_kept_and_marked_withdrawn_with_a_warning()
    {
        await ImportAsync(Seeds.Parse());
        await using (var db = _database.CreateContext())
        {
            (await db.Tasks.CountAsync()).Should().Be(81);
        }

        var before = await SnapshotAsync();
        var withoutLastTask = Seeds.Text.RemoveLineStartingWith("（四十三）");
        _clock.Advance(TimeSpan.FromDays(1));

        var report = await ImportAsync(Seeds.ParseText(withoutLastTask));

        report.Warnings.En().Should().Equal("task 43 of plan chongqing is no longer in the document; kept");
        report.Changes.Should().BeEmpty();
        report.Plans[1].Tasks.Should().Be(42);
        report.Plans[1].Removed.Should().Be(0);
        report.Plans[1].Updated.Should().Be(1, "marking the task withdrawn changes its row");
        var tasksBefore = before.Where(r => r.StartsWith("task|", StringComparison.Ordinal)).ToList();
        var tasksAfter = (await SnapshotAsync()).Where(r => r.StartsWith("task|", StringComparison.Ordinal)).ToList();
        var task43 = await TaskIdAsync(PlanCodes.Chongqing, 43);
        tasksAfter.Should().Equal(
            tasksBefore.Select(r => r.StartsWith($"task|{task43}|", StringComparison.Ordinal) ? r + FirstImport.AddDays(1).ToString("O") : r),
            "the kept task keeps its id, number and text and only gains the time it left");
    }

    [Fact]
    public async Task A_withdrawn_task_keeps_the_time_it_left_and_is_not_warned_about_again()
    {
        await ImportAsync(Seeds.Parse());
        var withoutLastTask = Seeds.Text.RemoveLineStartingWith("（四十三）");
        await ImportAsync(Seeds.ParseText(withoutLastTask));
        _clock.Advance(TimeSpan.FromDays(1));

        var report = await ImportAsync(Seeds.ParseText(withoutLastTask.ReplaceOnce(SeedEdits.ChongqingTask9Phrase, "持续提高公办幼儿园在园幼儿占比")));

        report.Changes.Should().Equal("chongqing task 9: text changed");
        report.Warnings.Should().BeEmpty("the task was already marked withdrawn by the previous import");
        await using var db = _database.CreateContext();
        (await db.Tasks.SingleAsync(t => t.Plan!.Code == PlanCodes.Chongqing && t.Number == 43)).WithdrawnAt.Should().Be(FirstImport);
    }

    [Fact]
    public async Task A_section_that_left_the_document_is_kept_while_it_holds_tasks_and_removed_when_empty()
    {
        await ImportAsync(Seeds.Parse());
        var withoutLastSections = Seeds.Text.CutFromLineStartingWith("十二、坚持教育开放互鉴共赢");

        var report = await ImportAsync(Seeds.ParseText(withoutLastSections));

        report.Warnings.En().Should().Equal(
            "task 41 of plan chongqing is no longer in the document; kept",
            "task 42 of plan chongqing is no longer in the document; kept",
            "task 43 of plan chongqing is no longer in the document; kept",
            "section 12 of plan chongqing is no longer in the document but still holds tasks; kept");
        report.Changes.Should().Equal("chongqing section 13: removed");
        await using var db = _database.CreateContext();
        var sections = await db.Sections.Where(s => s.Plan!.Code == PlanCodes.Chongqing).ToListAsync();
        sections.Select(s => s.Number).Order().Should().Equal(Enumerable.Range(1, 12));
        sections.Where(s => s.WithdrawnAt != null).Select(s => (s.Number, s.WithdrawnAt)).Should().Equal((12, FirstImport));
        var tasks = await db.Tasks.Where(t => t.Plan!.Code == PlanCodes.Chongqing).ToListAsync();
        tasks.Where(t => t.WithdrawnAt != null).Select(t => t.Number).Order().Should().Equal(41, 42, 43);
        tasks.Where(t => t.WithdrawnAt != null).Should().OnlyContain(t => t.WithdrawnAt == FirstImport);
        (await db.Tasks.CountAsync(t => t.Section!.Number == 12 && t.Plan!.Code == PlanCodes.Chongqing)).Should().Be(3);
    }

    [Fact]
    public async Task A_task_and_section_that_come_back_are_current_again_with_their_ids()
    {
        await ImportAsync(Seeds.Parse());
        var idsBefore = await NaturalKeyIdsAsync();
        await ImportAsync(Seeds.ParseText(Seeds.Text.CutFromLineStartingWith("十二、坚持教育开放互鉴共赢")));

        var report = await ImportAsync(Seeds.Parse());

        report.Changes.Should().Equal(
            "chongqing section 12: back in the document",
            "chongqing task 41: back in the document",
            "chongqing task 42: back in the document",
            "chongqing task 43: back in the document",
            "chongqing section 13: added");
        report.Warnings.Should().BeEmpty();
        await using var db = _database.CreateContext();
        (await db.Tasks.CountAsync(t => t.WithdrawnAt != null)).Should().Be(0);
        (await db.Sections.CountAsync(s => s.WithdrawnAt != null)).Should().Be(0);
        var idsAfter = await NaturalKeyIdsAsync();
        idsAfter.Should().Contain(idsBefore.Where(r => !r.StartsWith("section chongqing 13 ", StringComparison.Ordinal)),
            "the section and tasks that came back are the same rows");
    }

    [Fact]
    public async Task An_indicator_naming_a_withdrawn_task_is_not_linked_to_it()
    {
        var plan = HandBuiltPlan("demo") with
        {
            Sections = [new ParsedSection(1, "一", "正文", 2, [new ParsedTask(1, "甲", "甲。达到90%。", 3), new ParsedTask(2, "乙", "乙。", 4)])],
        };
        await ImportAsync(new ParsedDocument("demo.txt", [plan], []));
        var withoutTask2 = plan with
        {
            Sections = [plan.Sections[0] with { Tasks = [plan.Sections[0].Tasks[0]] }],
            Indicators = [plan.Indicators[0] with { TaskNumber = 2 }],
        };

        var report = await ImportAsync(new ParsedDocument("demo.txt", [withoutTask2], []));

        report.Warnings.En().Should().Equal(
            "task 2 of plan demo is no longer in the document; kept",
            "indicator 甲@2027 of plan demo names task 2, which the plan does not have; not linked");
        await using var db = _database.CreateContext();
        (await db.Indicators.SingleAsync()).TaskId.Should().BeNull();
    }

    [Fact]
    public async Task A_plan_that_loses_its_parent_names_the_old_parent_in_the_report()
    {
        await ImportAsync(Seeds.Parse());
        var chongqing = Seeds.Parse().Plans[1];
        var orphan = Rehash(chongqing with { ParentCode = null, ParentTitle = null });

        var report = await ImportAsync(new ParsedDocument("chongqing.txt", [orphan], []));

        report.Changes.Should().Equal("chongqing: parent national → (none)");
        await using var db = _database.CreateContext();
        (await db.Plans.SingleAsync(p => p.Code == PlanCodes.Chongqing)).ParentId.Should().BeNull();
    }

    [Fact]
    public async Task First_import_numbers_rows_in_document_order()
    {
        var document = Seeds.Parse();

        await ImportAsync(document);

        // The export and the pages order indicators by id, so ids must follow the text.
        await using var db = _database.CreateContext();
        foreach (var plan in document.Plans)
        {
            (await db.Tasks.Where(t => t.Plan!.Code == plan.Code).OrderBy(t => t.Id).Select(t => t.Number).ToListAsync())
                .Should().Equal(plan.Tasks.Select(t => t.Number));
            (await db.Indicators.Where(i => i.Plan!.Code == plan.Code).OrderBy(i => i.Id).Select(i => i.Key).ToListAsync())
                .Should().Equal(plan.Indicators.Select(i => i.Key));
            (await db.Goals.Where(g => g.Milestone!.Plan!.Code == plan.Code).OrderBy(g => g.Id).Select(g => g.Milestone!.Year * 100 + g.Number).ToListAsync())
                .Should().Equal(plan.Milestones.SelectMany(m => m.Goals.Select(g => m.Year * 100 + g.Number)));
        }
    }

    [Fact]
    public async Task A_task_moved_to_another_section_keeps_its_id_and_follows_the_section()
    {
        await ImportAsync(Seeds.Parse());
        var national = Seeds.Parse().Plans[0];
        var moved = Rehash(national with
        {
            Sections = national.Sections.Select(s => s.Number switch
            {
                2 => s with { Tasks = s.Tasks.Where(t => t.Number != 6).ToList() },
                3 => s with { Tasks = national.Sections[1].Tasks.Where(t => t.Number == 6).Concat(s.Tasks).ToList() },
                _ => s,
            }).ToList(),
        });
        var idBefore = await TaskIdAsync(PlanCodes.National, 6);

        var report = await ImportAsync(new ParsedDocument("hand-built.txt", [moved], []));

        report.Changes.Should().Equal("national task 6: moved from section 2 to section 3");
        await using var db = _database.CreateContext();
        var task = await db.Tasks.Include(t => t.Section).SingleAsync(t => t.Id == idBefore);
        task.Number.Should().Be(6);
        task.Section!.Number.Should().Be(3);
    }

    [Fact]
    public async Task A_child_imported_before_its_parent_exists_is_linked_when_the_parent_arrives()
    {
        var seed = Seeds.Parse();
        var chongqingOnly = seed with { Plans = [seed.Plans[1]] };

        var first = await ImportAsync(chongqingOnly);
        first.Warnings.En().Should().Equal(
            "plan chongqing: parent plan national is neither in this import nor in the database; imported without a parent");

        var second = await ImportAsync(seed);

        second.Plans.Select(p => (p.Code, p.Unchanged)).Should().Equal((PlanCodes.National, false), (PlanCodes.Chongqing, false));
        second.Changes.Should().Contain("chongqing: parent (none) → national");
        await using var db = _database.CreateContext();
        var plans = await db.Plans.AsNoTracking().ToDictionaryAsync(p => p.Code);
        plans[PlanCodes.Chongqing].ParentId.Should().Be(plans[PlanCodes.National].Id);

        var third = await ImportAsync(seed);
        third.Plans.Should().OnlyContain(p => p.Unchanged, "once linked, the child is skipped again");
    }

    [Fact]
    public async Task Parents_are_imported_before_children_whatever_the_document_order()
    {
        var seed = Seeds.Parse();
        var childFirst = new ParsedDocument("child.txt", [seed.Plans[1]], []);
        var parentSecond = new ParsedDocument("parent.txt", [seed.Plans[0]], []);

        var report = await ImportAsync(childFirst, parentSecond);

        report.Plans.Select(p => p.Code).Should().Equal(PlanCodes.National, PlanCodes.Chongqing);
        report.Warnings.Should().BeEmpty();
        await using var db = _database.CreateContext();
        var plans = await db.Plans.AsNoTracking().ToDictionaryAsync(p => p.Code);
        plans[PlanCodes.Chongqing].ParentId.Should().Be(plans[PlanCodes.National].Id);
        plans[PlanCodes.Chongqing].SourceName.Should().Be("child.txt");
    }

    [Fact]
    public async Task A_database_error_in_the_second_plan_leaves_the_database_as_it_was()
    {
        await ImportAsync(Seeds.Parse());
        var before = await SnapshotAsync();
        await _database.RefuseAsync("refuse_boom", "UPDATE", "Tasks", "NEW.\"Text\" LIKE '%BOOM%'");
        var edited = Seeds.Text
            .ReplaceOnce("（一）加强和改进新时代学校思想政治教育。", "（一）加强和改进新时代学校思想政治教育。新增一句。")
            .ReplaceOnce(SeedEdits.ChongqingTask9Phrase, "BOOM");

        await using var db = _database.CreateContext();
        var act = () => new PlanImporter(db, _clock).ImportAsync([Seeds.ParseText(edited)]);

        (await act.Should().ThrowAsync<DbUpdateException>()).WithInnerException<System.Data.Common.DbException>()
            .WithMessage("*refused by test*");
        (await SnapshotAsync()).Should().Equal(before);
        db.ChangeTracker.Entries().Should().BeEmpty("the failed import's entities are dropped so the context can be used again");
    }

    [Fact]
    public async Task A_failed_first_import_writes_no_plan_at_all()
    {
        await _database.RefuseAsync("refuse_chongqing", "INSERT", "Tasks", "NEW.\"Number\" = 43");

        var act = () => ImportAsync(Seeds.Parse());

        await act.Should().ThrowAsync<DbUpdateException>();
        (await SnapshotAsync()).Should().BeEmpty();
    }

    [SkippableFact]
    public async Task Cancelling_in_the_middle_of_the_writes_rolls_everything_back()
    {
        TestDatabases.SqliteOnly("PostgreSQL receives the whole import as one batched command, so there is no second write to cancel before");
        await ImportAsync(Seeds.Parse());
        var before = await SnapshotAsync();
        var edited = Seeds.Text
            .ReplaceOnce("（一）加强和改进新时代学校思想政治教育。", "（一）加强和改进新时代学校思想政治教育。新增一句。")
            .InsertLineBefore(SeedEdits.Chongqing2035Start, "到2031年，教育强市建设迈上新台阶。");
        using var cancel = new CancellationTokenSource();
        var log = new CommandLog { CancelAfterWrites = 1, CancelSource = cancel };

        await using var db = _database.CreateContext(log);
        var act = () => new PlanImporter(db, _clock).ImportAsync([Seeds.ParseText(edited)], cancel.Token);

        await act.Should().ThrowAsync<OperationCanceledException>();
        log.Writes.Should().HaveCount(2, "one write went through before the cancel, the next one was stopped");
        (await SnapshotAsync()).Should().Equal(before);
    }

    [Fact]
    public async Task Two_documents_with_the_same_plan_code_are_refused_before_anything_is_written()
    {
        var seed = Seeds.Parse();

        var act = () => ImportAsync(seed, seed with { SourceName = "copy.txt" });

        (await act.Should().ThrowAsync<InvalidOperationException>()).WithMessage("*national*copy.txt*");
        (await SnapshotAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task A_hand_built_plan_with_a_duplicate_task_number_is_refused()
    {
        var plan = HandBuiltPlan("demo") with
        {
            Sections = [new ParsedSection(1, "一", "", 2, [new ParsedTask(1, "甲", "甲。", 3), new ParsedTask(1, "乙", "乙。", 4)])],
        };

        var act = () => ImportAsync(new ParsedDocument("demo.txt", [plan], []));

        (await act.Should().ThrowAsync<InvalidOperationException>()).WithMessage("demo.txt: plan 'demo' has task 1 twice.");
        (await SnapshotAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task A_hand_built_plan_without_a_content_hash_is_never_skipped_but_still_changes_nothing()
    {
        var plan = HandBuiltPlan("demo");
        await ImportAsync(new ParsedDocument("demo.txt", [plan], [new Message("Parse_NoIssuer", "示例规划", 1)]));
        var before = await SnapshotAsync();

        var report = await ImportAsync(new ParsedDocument("demo.txt", [plan], []));

        report.Plans.Single().Unchanged.Should().BeFalse();
        report.Changes.Should().BeEmpty();
        report.Plans.Single().Updated.Should().Be(0);
        (await SnapshotAsync()).Should().Equal(before);
    }

    [Fact]
    public async Task Parser_warnings_are_passed_on_with_the_file_name()
    {
        var report = await ImportAsync(new ParsedDocument("/some/folder/demo.txt", [HandBuiltPlan("demo")], [new Message("Parse_NoIssuer", "示例规划", 1)]));

        report.Warnings.Zh().Should().Equal("demo.txt: 《示例规划》（第 1 行）：没有找到“…印发《…》”或标题下的发文机关，印发机关留空。");
        await using var db = _database.CreateContext();
        (await db.Plans.SingleAsync()).SourceName.Should().Be("demo.txt");
    }

    private static ParsedPlan HandBuiltPlan(string code) => new(
        code, "示例规划（2025—2030年）", "示例", null, null, null, 2025, 2030, "前言", 1,
        [new ParsedSection(1, "一", "正文", 2, [new ParsedTask(1, "甲", "甲。达到90%。", 3)])],
        [new ParsedMilestone(2027, "到2027年，甲。", 4, [new ParsedGoal(1, "乙", "乙。", 5)])],
        [new ParsedIndicator("甲@2027", "甲", Comparator.AtLeast, 90m, "%", 2027, "甲达到90%", 1, 2027, 3)]);

    private static ParsedPlan Rehash(ParsedPlan plan) => plan with { ContentHash = PlanContentHash.Compute(plan) };

    private async Task<int> TaskIdAsync(string planCode, int number)
    {
        await using var db = _database.CreateContext();
        return await db.Tasks.Where(t => t.Plan!.Code == planCode && t.Number == number).Select(t => t.Id).SingleAsync();
    }

    /// <summary>"kind plan key… id" for every row, so ids can be compared across imports by natural key.</summary>
    private async Task<List<string>> NaturalKeyIdsAsync()
    {
        await using var db = _database.CreateContext();
        var rows = new List<string>();
        rows.AddRange(await db.Plans.Select(p => "plan " + p.Code + " #" + p.Id).ToListAsync());
        rows.AddRange(await db.Sections.Select(s => "section " + s.Plan!.Code + " " + s.Number + " #" + s.Id).ToListAsync());
        rows.AddRange(await db.Tasks.Select(t => "task " + t.Plan!.Code + " " + t.Number + " #" + t.Id).ToListAsync());
        rows.AddRange(await db.Milestones.Select(m => "milestone " + m.Plan!.Code + " " + m.Year + " #" + m.Id).ToListAsync());
        rows.AddRange(await db.Goals.Select(g => "goal " + g.Milestone!.Plan!.Code + " " + g.Milestone.Year + " " + g.Number + " #" + g.Id).ToListAsync());
        rows.AddRange(await db.Indicators.Select(i => "indicator " + i.Plan!.Code + " " + i.Key + " #" + i.Id).ToListAsync());
        return rows;
    }
}
