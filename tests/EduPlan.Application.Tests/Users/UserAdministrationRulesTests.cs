using EduPlan.Application;
using EduPlan.Application.Security;
using EduPlan.Application.Users;
using EduPlan.Core.Auditing;
using Microsoft.EntityFrameworkCore;

namespace EduPlan.Application.Tests.Users;

public sealed class UserAdministrationRulesTests : IAsyncLifetime
{
    private UserAdministrationHarness _h = null!;
    private int _department;
    private int _retired;

    public async Task InitializeAsync()
    {
        _h = await UserAdministrationHarness.CreateAsync();
        _department = await _h.AddDepartmentAsync("教委");
        _retired = await _h.AddDepartmentAsync("旧办", active: false);
    }

    public async Task DisposeAsync() => await _h.DisposeAsync();

    private NewUser Valid => new()
    {
        UserName = "zhang.san",
        DisplayName = "张三",
        DepartmentId = _department,
        Roles = [Roles.Reporter],
        Phone = "023-63862000",
        Email = "zhangsan@example.gov.cn",
    };

    public static TheoryData<string, string, string> RefusedNewUsers => new()
    {
        // case name, field, part of the message
        { "empty user name", UserFields.UserName, "请填写用户名" },
        { "two-character user name", UserFields.UserName, "3–64 个字符" },
        { "65-character user name", UserFields.UserName, "3–64 个字符" },
        { "user name with a space", UserFields.UserName, "只能包含英文字母、数字和 . _ -" },
        { "Chinese user name", UserFields.UserName, "只能包含英文字母、数字和 . _ -" },
        { "user name taken in other case", UserFields.UserName, "已被使用" },
        { "empty display name", UserFields.DisplayName, "请填写显示名" },
        { "65-character display name", UserFields.DisplayName, "不能超过 64 个字符" },
        { "display name with a right-to-left override", UserFields.DisplayName, "看不见的格式字符（U+202E" },
        { "display name with a zero-width space", UserFields.DisplayName, "看不见的格式字符（U+200B" },
        { "user name with a zero-width space", UserFields.UserName, "看不见的格式字符（U+200B" },
        { "unknown department", UserFields.DepartmentId, "所选单位不存在" },
        { "retired department", UserFields.DepartmentId, "已停用" },
        { "reporter without department", UserFields.DepartmentId, "填报员必须属于一个单位" },
        { "administrator and coordinator", UserFields.Roles, "三员分立" },
        { "two of the three administrators", UserFields.Roles, "三员分立" },
        { "unknown role", UserFields.Roles, "未知角色“SuperUser”" },
        { "administrator and auditor", UserFields.Roles, "三权分立" },
        { "bad e-mail", UserFields.Email, "电子邮箱格式不正确" },
        { "bad phone", UserFields.Phone, "电话号码格式不正确" },
        { "weak given password", UserFields.Password, "至少 3 种" },
        { "short given password", UserFields.Password, "至少需要 12 个字符" },
        { "password containing the user name", UserFields.Password, "不能包含用户名" },
    };

    [Theory]
    [MemberData(nameof(RefusedNewUsers))]
    public async Task Create_refuses_a_user_that_breaks_a_rule_with_a_Chinese_message_on_the_field(string @case, string field, string message)
    {
        await _h.CreateAsync("Zhang.San2", [Roles.Viewer]);
        var auditBefore = (await _h.AuditAsync()).Count;
        var newUser = @case switch
        {
            "empty user name" => Valid with { UserName = "  " },
            "two-character user name" => Valid with { UserName = "ab" },
            "65-character user name" => Valid with { UserName = new string('a', 65) },
            "user name with a space" => Valid with { UserName = "zhang san" },
            "Chinese user name" => Valid with { UserName = "张三三" },
            "user name taken in other case" => Valid with { UserName = "zhang.san2" },
            "empty display name" => Valid with { DisplayName = " " },
            "65-character display name" => Valid with { DisplayName = new string('张', 65) },
            "display name with a right-to-left override" => Valid with { DisplayName = "\u202E三张" },
            "display name with a zero-width space" => Valid with { DisplayName = "张\u200B三" },
            "user name with a zero-width space" => Valid with { UserName = "zhang\u200Bsan" },
            "unknown department" => Valid with { DepartmentId = 99999 },
            "retired department" => Valid with { DepartmentId = _retired },
            "reporter without department" => Valid with { DepartmentId = null },
            "administrator and coordinator" => Valid with { Roles = [Roles.Administrator, Roles.Coordinator] },
            "two of the three administrators" => Valid with { Roles = [Roles.SecurityAdministrator, Roles.Administrator] },
            "unknown role" => Valid with { Roles = [Roles.Viewer, "SuperUser"] },
            "administrator and auditor" => Valid with { Roles = [Roles.Administrator, "auditor"] },
            "bad e-mail" => Valid with { Email = "zhangsan@" },
            "bad phone" => Valid with { Phone = "call me" },
            "weak given password" => Valid with { Password = "alllowercaseletters" },
            "short given password" => Valid with { Password = "Ab1-short" },
            "password containing the user name" => Valid with { Password = "Xx-ZHANG.SAN-2025" },
            _ => throw new ArgumentOutOfRangeException(nameof(@case)),
        };

        var result = await _h.RunAsync(admin => admin.CreateAsync(newUser));

        result.Kind.Should().Be(ResultKind.Invalid);
        result.ErrorsFor(field).Select(e => e.Message.ToString()).Should().Contain(m => m.Contains(message), $"{@case} is refused on {field}");
        result.Value?.OneTimePassword.Should().BeNull();
        (await _h.WithDbAsync(db => db.Users.CountAsync(u => u.NormalizedUserName == newUser.UserName.Trim().ToUpperInvariant() && u.DisplayName == newUser.DisplayName)))
            .Should().Be(0, "nothing is created");
        // A refused privileged change (here a grant of Auditor) is audited as a failure; any other refusal writes nothing.
        var privileged = @case is "administrator and auditor" or "administrator and coordinator" or "two of the three administrators";
        var audit = await _h.AuditAsync();
        audit.Should().HaveCount(auditBefore + (privileged ? 1 : 0), "only a refused privileged change is audited");
        if (privileged)
        {
            audit.Should().ContainSingle(e => e.Outcome == AuditOutcome.Failure && e.Action == "UserCreated" && e.TargetName == "zhang.san");
        }
    }

    [Fact]
    public async Task Create_accepts_a_valid_user_and_stores_every_field_trimmed()
    {
        var result = await _h.RunAsync(admin => admin.CreateAsync(Valid with { UserName = " zhang.san ", DisplayName = " 张三 ", Roles = ["reporter", "VIEWER"] }));

        result.Succeeded.Should().BeTrue();
        var user = await _h.LoadAsync("zhang.san");
        user.UserName.Should().Be("zhang.san");
        user.DisplayName.Should().Be("张三");
        user.DepartmentId.Should().Be(_department);
        user.PhoneNumber.Should().Be("023-63862000");
        user.Email.Should().Be("zhangsan@example.gov.cn");
        user.IsDisabled.Should().BeFalse();
        user.CreatedAt.Should().Be(_h.Clock.GetUtcNow());
        var details = await _h.QueryAsync(admin => admin.GetAsync(result.Value!.UserId!));
        details!.Roles.Should().Equal(Roles.Reporter, Roles.Viewer);
    }

    [Fact]
    public async Task A_generated_one_time_password_signs_in_and_must_be_changed()
    {
        var result = await _h.RunAsync(admin => admin.CreateAsync(Valid));

        result.Value!.OneTimePassword.Should().NotBeNullOrEmpty().And.HaveLength(OneTimePasswords.DefaultLength);
        result.Value!.MustChangePassword.Should().BeTrue();
        var user = await _h.LoadAsync("zhang.san");
        user.MustChangePassword.Should().BeTrue();
        user.PasswordChangedAt.Should().BeNull("a password the user did not choose starts no expiry period");
        (await _h.WithUsersAsync(users => users.CheckPasswordAsync(user, result.Value!.OneTimePassword!))).Should().BeTrue();
    }

    [Fact]
    public async Task A_given_password_is_not_echoed_and_still_must_be_changed_unless_the_caller_says_otherwise()
    {
        var given = await _h.RunAsync(admin => admin.CreateAsync(Valid with { Password = "Given-Passw0rd-123" }));
        var kept = await _h.RunAsync(admin => admin.CreateAsync(Valid with { UserName = "li.si", Password = "Given-Passw0rd-123", RequirePasswordChange = false }));

        given.Value!.OneTimePassword.Should().BeNull("the operator typed it and needs no copy");
        given.Value.MustChangePassword.Should().BeTrue();
        (await _h.LoadAsync("zhang.san")).MustChangePassword.Should().BeTrue();
        kept.Value!.MustChangePassword.Should().BeFalse();
        var li = await _h.LoadAsync("li.si");
        li.MustChangePassword.Should().BeFalse();
        li.PasswordChangedAt.Should().Be(_h.Clock.GetUtcNow());
    }

    [Fact]
    public async Task Update_refuses_a_display_name_with_a_direction_override_and_stores_a_decomposed_one_in_NFC()
    {
        var id = await _h.CreateAsync("wang.wu", [Roles.Viewer]);

        var reversed = await _h.RunAsync(async admin => await admin.UpdateAsync(id, await ChangesOf(_h, id) with { DisplayName = "王\u202E五" }));
        var decomposed = await _h.RunAsync(async admin => await admin.UpdateAsync(id, await ChangesOf(_h, id) with { DisplayName = "Rene\u0301" }));

        reversed.ErrorsFor(UserFields.DisplayName).Should().ContainSingle().Which.Message.Key.Should().Be("User_DisplayNameHasFormatCharacter");
        decomposed.Succeeded.Should().BeTrue();
        (await _h.LoadAsync("wang.wu")).DisplayName.Should().Be("Ren\u00E9");
    }

    [Fact]
    public async Task Update_refuses_to_move_a_user_into_a_retired_department_but_keeps_one_already_there()
    {
        var inRetired = await _h.CreateAsync("kept", [Roles.Reporter], _department);
        var other = await _h.CreateAsync("moved", [Roles.Reporter], _department);
        var moveWhileRetired = await _h.RunAsync(async admin => await admin.UpdateAsync(inRetired, await ChangesOf(_h, inRetired) with { DepartmentId = _retired }));
        moveWhileRetired.Kind.Should().Be(ResultKind.Invalid);

        // The department is retired after the user joined it.
        await _h.SetDepartmentActiveAsync(_department, false);

        var keep = await _h.RunAsync(async admin => await admin.UpdateAsync(inRetired, await ChangesOf(_h, inRetired) with { DisplayName = "新名字" }));
        var move = await _h.RunAsync(async admin => await admin.UpdateAsync(other, await ChangesOf(_h, other) with { DepartmentId = _retired }));

        keep.Succeeded.Should().BeTrue(string.Join(";", keep.Messages.Zh()));
        move.ErrorsFor(UserFields.DepartmentId).Select(e => e.Message.ToString()).Should().ContainSingle().Which.Should().Contain("已停用");
    }

    [Fact]
    public async Task Update_refuses_administrator_together_with_auditor()
    {
        var id = await _h.CreateAsync("second.admin", [Roles.Administrator]);

        var result = await _h.RunAsync(async admin => await admin.UpdateAsync(id, await ChangesOf(_h, id) with { Roles = [Roles.Administrator, Roles.Auditor] }));

        result.ErrorsFor(UserFields.Roles).Select(e => e.Message.ToString()).Should().ContainSingle().Which.Should().Contain("三权分立");
        (await _h.QueryAsync(admin => admin.GetAsync(id)))!.Roles.Should().Equal(Roles.Administrator);
    }

    [Fact]
    public async Task An_administrator_cannot_disable_themselves_or_drop_their_own_administrator_role()
    {
        var me = await _h.CreateAsync("myself", [Roles.Administrator]);
        await _h.CreateAsync("other.admin", [Roles.Administrator]);
        _h.ActAs(me, "myself");

        var disable = await _h.RunAsync(admin => admin.DisableAsync(me));
        var demote = await _h.RunAsync(async admin => await admin.UpdateAsync(me, await ChangesOf(_h, me) with { Roles = [Roles.Viewer] }));
        var reset = await _h.RunAsync(admin => admin.ResetPasswordAsync(me));

        disable.Messages.Zh().Should().ContainSingle().Which.Should().Contain("不能停用自己");
        demote.ErrorsFor(UserFields.Roles).Select(e => e.Message.ToString()).Should().ContainSingle().Which.Should().Contain("不能取消自己的系统管理员角色");
        reset.Messages.Zh().Should().ContainSingle().Which.Should().Contain("修改密码");
        var stored = await _h.LoadAsync("myself");
        stored.IsDisabled.Should().BeFalse();
        (await _h.QueryAsync(admin => admin.GetAsync(me)))!.Roles.Should().Equal(Roles.Administrator);
    }

    [Fact]
    public async Task The_last_active_administrator_can_be_neither_disabled_nor_demoted()
    {
        var only = await _h.CreateAsync("only.admin", [Roles.Administrator]);
        var disabledAdmin = await _h.CreateAsync("disabled.admin", [Roles.Administrator]);
        (await _h.RunAsync(admin => admin.DisableAsync(disabledAdmin))).Succeeded.Should().BeTrue("two administrators were active");

        var disable = await _h.RunAsync(admin => admin.DisableAsync(only));
        var demote = await _h.RunAsync(async admin => await admin.UpdateAsync(only, await ChangesOf(_h, only) with { Roles = [Roles.Coordinator] }));
        var demoteDisabled = await _h.RunAsync(async admin => await admin.UpdateAsync(disabledAdmin, await ChangesOf(_h, disabledAdmin) with { Roles = [Roles.Viewer] }));

        disable.Messages.Zh().Should().ContainSingle().Which.Should().Contain("最后一位在用的系统管理员");
        demote.ErrorsFor(UserFields.Roles).Select(e => e.Message.ToString()).Should().ContainSingle().Which.Should().Contain("最后一位在用的系统管理员");
        demoteDisabled.Succeeded.Should().BeTrue("a disabled administrator does not keep the system running");
        (await _h.LoadAsync("only.admin")).IsDisabled.Should().BeFalse();
        (await _h.QueryAsync(admin => admin.GetAsync(only)))!.Roles.Should().Equal(Roles.Administrator);
    }

    [Fact]
    public async Task A_stale_concurrency_stamp_is_a_conflict_and_overwrites_nothing()
    {
        var id = await _h.CreateAsync("stale", [Roles.Viewer]);
        var read = await _h.RunAsync(admin => ChangesOf(_h, id));
        (await _h.RunAsync(admin => admin.UpdateAsync(id, read with { DisplayName = "先保存的人" }))).Succeeded.Should().BeTrue();
        var auditBefore = (await _h.AuditAsync()).Count;

        var second = await _h.RunAsync(admin => admin.UpdateAsync(id, read with { DisplayName = "后保存的人", Roles = [Roles.Coordinator] }));

        second.Kind.Should().Be(ResultKind.Conflict);
        second.Messages.Zh().Should().ContainSingle().Which.Should().Contain("其他人已修改");
        (await _h.LoadAsync("stale")).DisplayName.Should().Be("先保存的人");
        (await _h.QueryAsync(admin => admin.GetAsync(id)))!.Roles.Should().Equal(Roles.Viewer);
        (await _h.AuditAsync()).Should().HaveCount(auditBefore);
    }

    [Fact]
    public async Task A_save_that_races_with_another_one_is_a_conflict_and_writes_neither_the_change_nor_its_audit_entry()
    {
        var id = await _h.CreateAsync("racer", [Roles.Viewer]);
        var read = await _h.RunAsync(admin => ChangesOf(_h, id));
        var auditBefore = (await _h.AuditAsync()).Count;
        // Someone else's save lands between the service's stamp check and its own UPDATE.
        _h.BeforeNextSave = db => db.Database.ExecuteSqlRawAsync(
            """UPDATE "AspNetUsers" SET "DisplayName" = '别人', "ConcurrencyStamp" = 'someone-else' WHERE "Id" = {0}""", id);

        var result = await _h.RunAsync(admin => admin.UpdateAsync(id, read with { DisplayName = "我", Roles = [Roles.Coordinator] }));

        result.Kind.Should().Be(ResultKind.Conflict);
        (await _h.LoadAsync("racer")).DisplayName.Should().Be("别人");
        (await _h.QueryAsync(admin => admin.GetAsync(id)))!.Roles.Should().Equal(Roles.Viewer);
        (await _h.AuditAsync()).Should().HaveCount(auditBefore, "the audit entry was in the failed SaveChanges");
    }

    [Fact]
    public async Task An_unknown_user_id_is_not_found_for_every_command()
    {
        const string missing = "no-such-id";

        var results = new[]
        {
            await _h.RunAsync(admin => admin.UpdateAsync(missing, new UserChanges { DisplayName = "x", Roles = [Roles.Viewer] })),
            await _h.RunAsync(admin => admin.DisableAsync(missing)),
            await _h.RunAsync(admin => admin.EnableAsync(missing)),
            await _h.RunAsync(admin => admin.UnlockAsync(missing)),
            await _h.RunAsync(admin => admin.ResetPasswordAsync(missing)),
        };

        results.Should().OnlyContain(r => r.Kind == ResultKind.NotFound && r.Reason!.ToString() == "找不到该用户，可能已被删除。");
    }

    [Fact]
    public async Task EnsureRoles_creates_the_missing_roles_once()
    {
        await _h.WithDbAsync(db => db.Roles.Where(r => r.Name == Roles.Viewer).ExecuteDeleteAsync());

        var first = await _h.RunAsync(admin => admin.EnsureRolesAsync());
        var second = await _h.RunAsync(admin => admin.EnsureRolesAsync());

        first.Should().Equal(Roles.Viewer);
        second.Should().BeEmpty();
        (await _h.WithDbAsync(db => db.Roles.Select(r => r.Name).ToListAsync())).Should().BeEquivalentTo(Roles.All);
    }

    internal static async Task<UserChanges> ChangesOf(UserAdministrationHarness harness, string id)
    {
        var user = (await harness.QueryAsync(q => q.GetAsync(id)))!;
        return new UserChanges
        {
            DisplayName = user.DisplayName,
            DepartmentId = user.DepartmentId,
            Roles = user.Roles,
            Phone = user.Phone,
            Email = user.Email,
            ConcurrencyStamp = user.ConcurrencyStamp,
        };
    }
}
