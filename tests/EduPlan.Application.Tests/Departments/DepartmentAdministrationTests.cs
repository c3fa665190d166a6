using EduPlan.Application;
using EduPlan.Application.Auditing;
using EduPlan.Application.Departments;
using EduPlan.Application.Ownership;
using EduPlan.Core.Organisation;
using Microsoft.EntityFrameworkCore;

namespace EduPlan.Application.Tests.Departments;

public sealed class DepartmentAdministrationTests : IAsyncLifetime
{
    private readonly AdministrationDatabase _data = new();

    public Task InitializeAsync() => _data.InitializeAsync();

    public Task DisposeAsync() => _data.DisposeAsync();

    private Task<Result<DepartmentSummary>> CreateAsync(string name, string shortName, DepartmentKind kind = DepartmentKind.MunicipalDepartment, int? parentId = null) =>
        _data.Departments(d => d.CreateAsync(new DepartmentInput(name, shortName, kind, parentId)));

    [Fact]
    public async Task Create_stores_the_trimmed_department_and_audits_what_was_created()
    {
        var result = await CreateAsync("  重庆市教育委员会 ", " 市教委 ", DepartmentKind.MunicipalDepartment);

        result.Kind.Should().Be(ResultKind.Saved);
        result.Value!.Name.Should().Be("重庆市教育委员会");
        result.Value.ShortName.Should().Be("市教委");
        result.Value.IsActive.Should().BeTrue();
        var entry = (await _data.AuditAsync(AuditActions.DepartmentCreated)).Should().ContainSingle().Subject;
        entry.TargetId.Should().Be(result.Value.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        entry.ActorName.Should().Be("admin");
        var after = AdministrationDatabase.Details(entry, "after");
        after.GetProperty("name").GetString().Should().Be("重庆市教育委员会");
        after.GetProperty("kind").GetString().Should().Be("市级部门");
    }

    [Fact]
    public async Task Create_reports_each_bad_field_under_its_own_key_and_writes_nothing()
    {
        var result = await _data.Departments(d => d.CreateAsync(new DepartmentInput(new string('长', 201), "", (DepartmentKind)42)));

        result.Kind.Should().Be(ResultKind.Invalid);
        result.Errors.Zh().Should().BeEquivalentTo(new[]
        {
            ("Name", "单位名称不能超过200个字符（现有201个）。"),
            ("ShortName", "请填写简称。"),
            ("Kind", "请选择单位类型。"),
        });
        (await _data.QueryAsync(db => db.Departments.CountAsync())).Should().Be(0);
        (await _data.AuditAsync(AuditActions.DepartmentCreated)).Should().BeEmpty();
    }

    [Fact]
    public async Task A_name_or_short_name_already_used_by_another_department_in_either_column_is_refused()
    {
        await CreateAsync("重庆市教育委员会", "市教委");

        var sameName = await CreateAsync("重庆市教育委员会", "教委2");
        var shortAsName = await CreateAsync("市教委", "教委3");
        var sameShortOtherCase = await CreateAsync("Chongqing Finance", "市教委");

        sameName.Errors.Should().ContainSingle().Which.Zh().Should().Be(("Name", "名称“重庆市教育委员会”已被单位“重庆市教育委员会”使用。"));
        shortAsName.Errors.Should().ContainSingle().Which.Field.Should().Be("Name");
        sameShortOtherCase.Errors.Should().ContainSingle().Which.Field.Should().Be("ShortName");
        (await _data.QueryAsync(db => db.Departments.CountAsync())).Should().Be(1);
    }

    [Theory]
    [InlineData("市教委、市财政局")]
    [InlineData("市教委,二")]
    [InlineData("=HYPERLINK(1)")]
    [InlineData("@SUM")]
    public async Task Names_that_would_break_the_CSV_file_or_become_a_formula_are_refused(string name)
    {
        var result = await CreateAsync(name, "简称");

        result.Kind.Should().Be(ResultKind.Invalid);
        result.Errors.Should().ContainSingle().Which.Field.Should().Be("Name");
    }

    [Fact]
    public async Task A_parent_must_exist_and_must_not_be_the_department_itself_or_one_below_it()
    {
        var top = (await CreateAsync("重庆市教育委员会", "市教委")).Value!;
        var middle = (await CreateAsync("市教委直属单位", "直属", parentId: top.Id)).Value!;
        var bottom = (await CreateAsync("重庆市教育考试院", "考试院", parentId: middle.Id)).Value!;

        var missing = await CreateAsync("新单位", "新", parentId: 999);
        var itself = await _data.Departments(d => d.UpdateAsync(top.Id, top.Version, new DepartmentInput(top.Name, top.ShortName, top.Kind, top.Id)));
        var below = await _data.Departments(d => d.UpdateAsync(top.Id, top.Version, new DepartmentInput(top.Name, top.ShortName, top.Kind, bottom.Id)));

        missing.Errors.Should().ContainSingle().Which.Zh().Should().Be(("ParentId", "所选的上级单位不存在。"));
        itself.Errors.Should().ContainSingle().Which.Zh().Should().Be(("ParentId", "上级单位不能是本单位。"));
        below.Errors.Should().ContainSingle().Which.Zh().Should().Be(("ParentId", "上级单位不能是本单位的下级单位“重庆市教育考试院”。"));
        (await _data.QueryAsync(db => db.Departments.SingleAsync(d => d.Id == top.Id))).ParentId.Should().BeNull();
    }

    [Fact]
    public async Task Update_renames_raises_the_version_and_audits_before_and_after()
    {
        var created = (await CreateAsync("重庆市教育委员会", "市教委")).Value!;

        var result = await _data.Departments(d => d.UpdateAsync(created.Id, created.Version,
            new DepartmentInput("重庆市教育委员会（市委教育工委）", "市教委", DepartmentKind.MunicipalDepartment)));

        result.Kind.Should().Be(ResultKind.Saved);
        result.Value!.Version.Should().Be(created.Version + 1);
        var entry = (await _data.AuditAsync(AuditActions.DepartmentUpdated)).Should().ContainSingle().Subject;
        AdministrationDatabase.Details(entry, "before").GetProperty("name").GetString().Should().Be("重庆市教育委员会");
        AdministrationDatabase.Details(entry, "after").GetProperty("name").GetString().Should().Be("重庆市教育委员会（市委教育工委）");
    }

    [Fact]
    public async Task Of_two_edits_made_from_the_same_version_the_second_is_refused_and_the_first_is_kept()
    {
        var created = (await CreateAsync("重庆市财政局", "市财政局")).Value!;

        var first = await _data.Departments(d => d.UpdateAsync(created.Id, created.Version, new DepartmentInput("重庆市财政局（一）", "市财政局", created.Kind)));
        var second = await _data.Departments(d => d.UpdateAsync(created.Id, created.Version, new DepartmentInput("重庆市财政局（二）", "财政", created.Kind)));

        first.Kind.Should().Be(ResultKind.Saved);
        second.Kind.Should().Be(ResultKind.Conflict);
        second.Value!.Name.Should().Be("重庆市财政局（一）", "the conflict returns what is stored now");
        second.Reason.Should().Contain("已被其他人修改").And.Contain("重庆市财政局（一）");
        var stored = await _data.QueryAsync(db => db.Departments.SingleAsync(d => d.Id == created.Id));
        (stored.Name, stored.ShortName).Should().Be(("重庆市财政局（一）", "市财政局"));
        (await _data.AuditAsync(AuditActions.DepartmentUpdated)).Should().ContainSingle();
    }

    [Fact]
    public async Task A_save_that_loses_the_race_inside_the_database_is_a_conflict_too()
    {
        var created = (await CreateAsync("重庆市财政局", "市财政局")).Value!;
        await using var db = _data.Context();
        var administration = new DepartmentAdministration(db, new AuditLog(db, AdministrationDatabase.Actor, _data.Clock), new DepartmentQueries(db));
        // The department is read (and tracked) at its version, then someone else saves before this context does.
        (await db.Departments.SingleAsync(d => d.Id == created.Id)).Version.Should().Be(created.Version);
        await _data.Database.ExecuteAsync($"""UPDATE "Departments" SET "Name" = '别人的名称', "Version" = "Version" + 1 WHERE "Id" = {created.Id}""");

        var result = await administration.UpdateAsync(created.Id, created.Version, new DepartmentInput("我的名称", "市财政局", created.Kind));

        result.Kind.Should().Be(ResultKind.Conflict);
        (await _data.QueryAsync(db => db.Departments.SingleAsync(d => d.Id == created.Id))).Name.Should().Be("别人的名称");
        (await _data.AuditAsync(AuditActions.DepartmentUpdated)).Should().BeEmpty("a change that was not saved is not audited");
    }

    [Fact]
    public async Task Saving_the_form_unchanged_writes_nothing()
    {
        var created = (await CreateAsync("重庆市财政局", "市财政局")).Value!;

        var result = await _data.Departments(d => d.UpdateAsync(created.Id, created.Version, new DepartmentInput(" 重庆市财政局", "市财政局", created.Kind)));

        result.Kind.Should().Be(ResultKind.Saved);
        result.Changed.Should().BeFalse();
        result.Value!.Version.Should().Be(created.Version);
        (await _data.AuditAsync(AuditActions.DepartmentUpdated)).Should().BeEmpty();
    }

    [Fact]
    public async Task Deactivating_keeps_everything_else_and_is_audited()
    {
        var created = (await CreateAsync("重庆市财政局", "市财政局", DepartmentKind.MunicipalDepartment)).Value!;

        var result = await _data.Departments(d => d.SetActiveAsync(created.Id, created.Version, isActive: false));

        result.Value!.IsActive.Should().BeFalse();
        result.Value.Name.Should().Be("重庆市财政局");
        var entry = (await _data.AuditAsync(AuditActions.DepartmentUpdated)).Should().ContainSingle().Subject;
        AdministrationDatabase.Details(entry, "before").GetProperty("isActive").GetBoolean().Should().BeTrue();
        AdministrationDatabase.Details(entry, "after").GetProperty("isActive").GetBoolean().Should().BeFalse();
    }

    [Fact]
    public async Task Delete_is_refused_while_users_tasks_or_sub_units_depend_on_the_department_and_says_how_many()
    {
        var department = (await CreateAsync("重庆市教育委员会", "市教委")).Value!;
        var other = await _data.AddDepartmentAsync("重庆市财政局", "市财政局");
        await _data.AddUserAsync("u1", department.Id);
        await _data.AddUserAsync("u2", department.Id);
        await _data.AddUserAsync("u3", department.Id);
        await _data.Ownership(o => o.SetOwnersAsync("chongqing", 9, new OwnershipInput(department.Id, []), 0));
        await _data.Ownership(o => o.SetOwnersAsync("chongqing", 10, new OwnershipInput(department.Id, [other]), 0));
        await _data.Ownership(o => o.SetOwnersAsync("national", 1, new OwnershipInput(other, [department.Id]), 0));
        await _data.AddDepartmentAsync("重庆市教育考试院", "考试院", parentId: department.Id);

        var result = await _data.Departments(d => d.DeleteAsync(department.Id, department.Version));

        result.Kind.Should().Be(ResultKind.Refused);
        result.Reason.Should().Be("该单位仍有3名用户、牵头2项任务、参与1项任务、下设1个单位，不能删除；可将其停用。");
        result.Value!.Usage.Should().Be(new DepartmentUsage(3, 2, 1, 1));
        (await _data.QueryAsync(db => db.Departments.AnyAsync(d => d.Id == department.Id))).Should().BeTrue();
        (await _data.AuditAsync(AuditActions.DepartmentDeleted)).Should().BeEmpty();
    }

    [Fact]
    public void The_refusal_names_only_what_is_there()
    {
        DepartmentAdministration.RefusalReason(new DepartmentUsage(0, 0, 4, 0)).Should().Be("该单位仍参与4项任务，不能删除；可将其停用。");
        DepartmentAdministration.RefusalReason(new DepartmentUsage(3, 2, 0, 0)).Should().Be("该单位仍有3名用户、牵头2项任务，不能删除；可将其停用。");
        DepartmentAdministration.RefusalReason(new DepartmentUsage(0, 1, 0, 2)).Should().Be("该单位仍牵头1项任务、下设2个单位，不能删除；可将其停用。");
    }

    [Fact]
    public async Task An_unused_department_is_deleted_and_the_audit_keeps_what_it_was()
    {
        var department = (await CreateAsync("临时单位", "临时", DepartmentKind.Other)).Value!;

        var result = await _data.Departments(d => d.DeleteAsync(department.Id, department.Version));

        result.Kind.Should().Be(ResultKind.Saved);
        (await _data.QueryAsync(db => db.Departments.AnyAsync())).Should().BeFalse();
        var entry = (await _data.AuditAsync(AuditActions.DepartmentDeleted)).Should().ContainSingle().Subject;
        entry.TargetName.Should().Be("临时单位");
        AdministrationDatabase.Details(entry, "before").GetProperty("kind").GetString().Should().Be("其他");
    }

    [Fact]
    public async Task Delete_from_a_stale_version_is_a_conflict_and_deletes_nothing()
    {
        var department = (await CreateAsync("临时单位", "临时")).Value!;
        await _data.Departments(d => d.UpdateAsync(department.Id, department.Version, new DepartmentInput("临时单位（改）", "临时", department.Kind)));

        var result = await _data.Departments(d => d.DeleteAsync(department.Id, department.Version));

        result.Kind.Should().Be(ResultKind.Conflict);
        (await _data.QueryAsync(db => db.Departments.AnyAsync(d => d.Id == department.Id))).Should().BeTrue();
    }

    [Fact]
    public async Task The_list_counts_users_and_tasks_for_every_department_in_kind_order()
    {
        var school = (await CreateAsync("重庆大学", "重大", DepartmentKind.School)).Value!;
        var municipal = (await CreateAsync("重庆市教育委员会", "市教委", DepartmentKind.MunicipalDepartment)).Value!;
        await _data.AddUserAsync("u1", school.Id);
        await _data.Ownership(o => o.SetOwnersAsync("chongqing", 9, new OwnershipInput(municipal.Id, [school.Id]), 0));

        var list = await _data.DepartmentQueries(d => d.ListAsync());

        list.Select(d => (d.ShortName, d.Usage)).Should().Equal(
            ("市教委", new DepartmentUsage(0, 1, 0, 0)),
            ("重大", new DepartmentUsage(1, 0, 1, 0)));
    }

    [Theory]
    [InlineData("市教委")]
    [InlineData("重庆市教育委员会")]
    [InlineData(" 重庆市教育委员会 ")]
    public async Task A_department_is_found_by_short_name_or_full_name(string text)
    {
        var created = (await CreateAsync("重庆市教育委员会", "市教委")).Value!;

        var found = await _data.DepartmentQueries(d => d.FindAsync(text));

        found.Should().Be(new DepartmentReference(created.Id, "重庆市教育委员会", "市教委", true));
    }

    [Theory]
    [InlineData("市教委\u200B", "ShortName", "简称含有看不见的格式字符（U+200B，如零宽空格或文字方向控制符），看起来相同的名称会因此被当作不同的单位；请删除后重新输入。")]
    [InlineData("\u202E委教市", "ShortName", "简称含有看不见的格式字符（U+202E，如零宽空格或文字方向控制符），看起来相同的名称会因此被当作不同的单位；请删除后重新输入。")]
    public async Task A_name_with_an_invisible_format_character_is_refused_and_nothing_is_written(string shortName, string field, string message)
    {
        await CreateAsync("重庆市教育委员会", "市教委");

        var result = await CreateAsync("重庆市教育委员会二", shortName);

        result.Kind.Should().Be(ResultKind.Invalid);
        result.Errors.Zh().Should().BeEquivalentTo(new[] { (field, message) });
        (await _data.QueryAsync(db => db.Departments.CountAsync())).Should().Be(1);
    }

    [Theory]
    [InlineData("Cafe\u0301 Board", "Caf\u00E9 Board")]
    [InlineData("ＡＢＣ教委", "abc教委")]
    public async Task A_name_that_only_looks_like_another_after_normalisation_is_refused_as_taken(string existing, string typed)
    {
        await CreateAsync(existing, "简称一");

        var result = await CreateAsync(typed, "简称二");

        result.Kind.Should().Be(ResultKind.Invalid);
        result.Errors.Should().ContainSingle().Which.Message.Key.Should().Be("Department_NameTaken");
    }

    [Fact]
    public async Task A_name_is_stored_in_NFC()
    {
        var result = await CreateAsync("Cafe\u0301 Board", "CB");

        result.Value!.Name.Should().Be("Caf\u00E9 Board");
    }

    [Fact]
    public async Task A_department_is_found_by_a_name_that_only_differs_by_invisible_characters_or_width()
    {
        var created = (await CreateAsync("重庆市教育委员会", "市教委")).Value!;

        (await _data.DepartmentQueries(d => d.FindAsync("市教委\u200B")))!.Id.Should().Be(created.Id);
        (await _data.DepartmentQueries(d => d.FindAsync("\uFEFF重庆市教育委员会")))!.Id.Should().Be(created.Id);
    }

    [Fact]
    public async Task Looking_up_an_unknown_name_finds_nothing()
    {
        await CreateAsync("重庆市教育委员会", "市教委");

        (await _data.DepartmentQueries(d => d.FindAsync("市教"))).Should().BeNull();
    }

    [Theory]
    [InlineData("区县", DepartmentKind.District)]
    [InlineData("school", DepartmentKind.School)]
    [InlineData("MunicipalDepartment", DepartmentKind.MunicipalDepartment)]
    public void Kinds_are_read_in_Chinese_or_English(string text, DepartmentKind expected)
    {
        DepartmentKinds.TryParse(text, out var kind).Should().BeTrue();
        kind.Should().Be(expected);
        DepartmentKinds.TryParse("部委", out _).Should().BeFalse();
    }
}
