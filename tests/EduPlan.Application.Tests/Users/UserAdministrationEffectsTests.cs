using System.Text.Json;
using EduPlan.Application.Auditing;
using EduPlan.Application.Security;
using EduPlan.Application.Users;
using EduPlan.Core.Auditing;
using Microsoft.EntityFrameworkCore;

namespace EduPlan.Application.Tests.Users;

/// <summary>What the commands do besides the obvious field: security stamps, lockouts, passwords and the audit trail.</summary>
public sealed class UserAdministrationEffectsTests : IAsyncLifetime
{
    private UserAdministrationHarness _h = null!;
    private int _education;
    private int _finance;

    public async Task InitializeAsync()
    {
        _h = await UserAdministrationHarness.CreateAsync();
        _education = await _h.AddDepartmentAsync("教委");
        _finance = await _h.AddDepartmentAsync("财政局");
        await _h.CreateAsync("admin", [Roles.Administrator]);
    }

    public async Task DisposeAsync() => await _h.DisposeAsync();

    private async Task<string> StampOf(string userName) => (await _h.LoadAsync(userName)).SecurityStamp!;

    [Fact]
    public async Task Disabling_changing_roles_or_department_and_resetting_the_password_renew_the_security_stamp()
    {
        var id = await _h.CreateAsync("target", [Roles.Reporter], _education);

        var stamps = new List<string> { await StampOf("target") };
        (await _h.RunAsync(async a => await a.UpdateAsync(id, await UserAdministrationRulesTests.ChangesOf(_h, id) with { Roles = [Roles.Reporter, Roles.Viewer] })))
            .Succeeded.Should().BeTrue();
        stamps.Add(await StampOf("target"));
        (await _h.RunAsync(async a => await a.UpdateAsync(id, await UserAdministrationRulesTests.ChangesOf(_h, id) with { DepartmentId = _finance })))
            .Succeeded.Should().BeTrue();
        stamps.Add(await StampOf("target"));
        (await _h.RunAsync(a => a.ResetPasswordAsync(id))).Succeeded.Should().BeTrue();
        stamps.Add(await StampOf("target"));
        (await _h.RunAsync(a => a.DisableAsync(id))).Succeeded.Should().BeTrue();
        stamps.Add(await StampOf("target"));

        stamps.Should().OnlyHaveUniqueItems("each of the four commands must end the user's open sessions");
    }

    [Fact]
    public async Task A_change_of_display_name_or_contact_keeps_the_sessions_open()
    {
        var id = await _h.CreateAsync("target", [Roles.Viewer]);
        var before = await StampOf("target");

        var result = await _h.RunAsync(async a => await a.UpdateAsync(id, await UserAdministrationRulesTests.ChangesOf(_h, id) with
        {
            DisplayName = "王五",
            Phone = "13800000000",
            Email = "wangwu@example.gov.cn",
        }));

        result.Changed.Should().BeTrue();
        var user = await _h.LoadAsync("target");
        user.DisplayName.Should().Be("王五");
        user.PhoneNumber.Should().Be("13800000000");
        user.NormalizedEmail.Should().Be("WANGWU@EXAMPLE.GOV.CN");
        user.SecurityStamp.Should().Be(before);
    }

    [Fact]
    public async Task An_update_that_changes_nothing_saves_and_audits_nothing()
    {
        var id = await _h.CreateAsync("target", [Roles.Viewer]);
        var auditBefore = (await _h.AuditAsync()).Count;
        var stampBefore = (await _h.LoadAsync("target")).ConcurrencyStamp;

        var result = await _h.RunAsync(async a => await a.UpdateAsync(id, await UserAdministrationRulesTests.ChangesOf(_h, id)));

        result.Succeeded.Should().BeTrue();
        result.Changed.Should().BeFalse();
        (await _h.LoadAsync("target")).ConcurrencyStamp.Should().Be(stampBefore);
        (await _h.AuditAsync()).Should().HaveCount(auditBefore);
    }

    [Fact]
    public async Task Reset_gives_a_new_one_time_password_clears_the_lockout_and_requires_a_change()
    {
        var id = await _h.CreateAsync("target", [Roles.Viewer]);
        await _h.WithUsersAsync(async users =>
        {
            var user = (await users.FindByIdAsync(id))!;
            await users.SetLockoutEndDateAsync(user, _h.Clock.GetUtcNow().AddMinutes(15));
            await users.AccessFailedAsync(user);
            return true;
        });
        (await _h.QueryAsync(a => a.GetAsync(id)))!.Status.Should().Be(UserStatus.LockedOut);

        var result = await _h.RunAsync(a => a.ResetPasswordAsync(id));

        result.Value!.OneTimePassword.Should().NotBeNullOrEmpty();
        result.Value!.MustChangePassword.Should().BeTrue();
        var stored = await _h.LoadAsync("target");
        stored.MustChangePassword.Should().BeTrue();
        stored.LockoutEnd.Should().BeNull();
        stored.AccessFailedCount.Should().Be(0);
        (await _h.WithUsersAsync(users => users.CheckPasswordAsync(stored, result.Value!.OneTimePassword!))).Should().BeTrue();
        (await _h.WithUsersAsync(users => users.CheckPasswordAsync(stored, UserAdministrationHarness.AdminPassword))).Should().BeFalse("the old password no longer works");
    }

    [Fact]
    public async Task Unlock_ends_a_lockout_and_enable_undoes_disable()
    {
        var id = await _h.CreateAsync("target", [Roles.Viewer]);
        await _h.WithUsersAsync(async users => await users.SetLockoutEndDateAsync((await users.FindByIdAsync(id))!, _h.Clock.GetUtcNow().AddMinutes(15)));

        (await _h.RunAsync(a => a.UnlockAsync(id))).Changed.Should().BeTrue();
        (await _h.QueryAsync(a => a.GetAsync(id)))!.Status.Should().Be(UserStatus.Active);
        (await _h.RunAsync(a => a.UnlockAsync(id))).Changed.Should().BeFalse("nothing was locked any more");

        (await _h.RunAsync(a => a.DisableAsync(id))).Changed.Should().BeTrue();
        (await _h.QueryAsync(a => a.GetAsync(id)))!.Status.Should().Be(UserStatus.Disabled);
        (await _h.RunAsync(a => a.DisableAsync(id))).Changed.Should().BeFalse();
        (await _h.RunAsync(a => a.EnableAsync(id))).Changed.Should().BeTrue();
        (await _h.LoadAsync("target")).IsDisabled.Should().BeFalse();
    }

    [Fact]
    public async Task Every_change_is_audited_with_before_and_after_and_no_password_stamp_or_hash_anywhere()
    {
        var adminId = (await _h.LoadAsync("admin")).Id;
        _h.ActAs(adminId, "admin");
        var created = await _h.RunAsync(a => a.CreateAsync(new NewUser
        {
            UserName = "audited",
            DisplayName = "审计对象",
            DepartmentId = _education,
            Roles = [Roles.Reporter],
            Phone = "13800000000",
        }));
        var given = await _h.RunAsync(a => a.CreateAsync(new NewUser { UserName = "provided", DisplayName = "给定", Roles = [Roles.Viewer], Password = "Given-Secret-Passw0rd" }));
        given.Succeeded.Should().BeTrue();
        var id = created.Value!.UserId!;
        await _h.RunAsync(async a => await a.UpdateAsync(id, await UserAdministrationRulesTests.ChangesOf(_h, id) with
        {
            DisplayName = "审计对象二",
            DepartmentId = _finance,
            Roles = [Roles.Reporter, Roles.Viewer],
        }));
        await _h.WithUsersAsync(async users => await users.SetLockoutEndDateAsync((await users.FindByIdAsync(id))!, _h.Clock.GetUtcNow().AddMinutes(15)));
        await _h.RunAsync(a => a.UnlockAsync(id));
        var reset = await _h.RunAsync(a => a.ResetPasswordAsync(id));
        await _h.RunAsync(a => a.DisableAsync(id));
        await _h.RunAsync(a => a.EnableAsync(id));
        var user = await _h.LoadAsync("audited");

        var entries = (await _h.AuditAsync()).Where(e => e.TargetId == id).ToList();

        entries.Select(e => e.Action).Should().Equal(
            AuditActions.UserCreated, AuditActions.UserUpdated, AuditActions.UserUnlocked,
            AuditActions.PasswordReset, AuditActions.UserDisabled, AuditActions.UserEnabled);
        entries.Should().OnlyContain(e => e.Outcome == AuditOutcome.Success && e.ActorName == "admin" && e.ActorId == adminId && e.ClientAddress == "127.0.0.1");
        entries.Should().OnlyContain(e => e.TargetType == "User" && e.TargetName == "audited" && e.OccurredAt == _h.Clock.GetUtcNow().UtcDateTime);

        var createdDetails = JsonDocument.Parse(entries[0].Details!).RootElement;
        createdDetails.GetProperty("after").GetProperty("DisplayName").GetString().Should().Be("审计对象");
        createdDetails.GetProperty("after").GetProperty("Department").GetString().Should().Be("测试单位教委");
        createdDetails.GetProperty("after").GetProperty("Phone").GetString().Should().Be("13800000000");
        createdDetails.GetProperty("mustChangePassword").GetBoolean().Should().BeTrue();

        var updated = JsonDocument.Parse(entries[1].Details!).RootElement;
        updated.GetProperty("before").GetProperty("DisplayName").GetString().Should().Be("审计对象");
        updated.GetProperty("after").GetProperty("DisplayName").GetString().Should().Be("审计对象二");
        updated.GetProperty("before").GetProperty("Department").GetString().Should().Be("测试单位教委");
        updated.GetProperty("after").GetProperty("Department").GetString().Should().Be("测试单位财政局");
        updated.GetProperty("before").GetProperty("Roles").EnumerateArray().Select(r => r.GetString()).Should().Equal(Roles.Reporter);
        updated.GetProperty("after").GetProperty("Roles").EnumerateArray().Select(r => r.GetString()).Should().Equal(Roles.Reporter, Roles.Viewer);

        var disabled = JsonDocument.Parse(entries[4].Details!).RootElement;
        disabled.GetProperty("before").GetProperty("Disabled").GetBoolean().Should().BeFalse();
        disabled.GetProperty("after").GetProperty("Disabled").GetBoolean().Should().BeTrue();

        var secrets = new[] { created.Value!.OneTimePassword!, reset.Value!.OneTimePassword!, "Given-Secret-Passw0rd", user.PasswordHash!, user.SecurityStamp! };
        var everything = await _h.WithDbAsync(db => db.AuditEntries.AsNoTracking().ToListAsync());
        foreach (var entry in everything)
        {
            var text = JsonSerializer.Serialize(entry);
            foreach (var secret in secrets)
            {
                text.Should().NotContain(secret, $"audit entry {entry.Action} must not hold a password, hash or stamp");
            }

            text.Should().NotContainAny("PasswordHash", "SecurityStamp", "ConcurrencyStamp");
        }
    }

    [Fact]
    public async Task The_list_searches_filters_and_pages_with_a_fixed_number_of_queries()
    {
        for (var i = 1; i <= 25; i++)
        {
            await _h.CreateAsync($"reporter{i:00}", [Roles.Reporter, Roles.Viewer], _education);
        }

        await _h.RunAsync(a => a.CreateAsync(new NewUser
        {
            UserName = "Zhao.Liu",
            DisplayName = "赵六",
            DepartmentId = _finance,
            Roles = [Roles.Coordinator],
            Email = "ZhaoLiu@Example.gov.cn",
            Phone = "023-11112222",
        }));
        var disabledId = await _h.CreateAsync("gone", [Roles.Viewer]);
        await _h.RunAsync(a => a.DisableAsync(disabledId));
        var lockedId = await _h.CreateAsync("locked", [Roles.Viewer]);
        await _h.WithUsersAsync(async users => await users.SetLockoutEndDateAsync((await users.FindByIdAsync(lockedId))!, _h.Clock.GetUtcNow().AddMinutes(5)));
        var expiredId = await _h.CreateAsync("was.locked", [Roles.Viewer]);
        await _h.WithUsersAsync(async users => await users.SetLockoutEndDateAsync((await users.FindByIdAsync(expiredId))!, _h.Clock.GetUtcNow().AddMinutes(-5)));

        var commandsBefore = _h.Commands.Commands.Count;
        var first = await _h.QueryAsync(a => a.ListAsync(new UserQuery { Role = "reporter" }));
        var queries = _h.Commands.Commands.Count - commandsBefore;
        var second = await _h.QueryAsync(a => a.ListAsync(new UserQuery { Role = Roles.Reporter, Page = 2 }));
        var beyond = await _h.QueryAsync(a => a.ListAsync(new UserQuery { Role = Roles.Reporter, Page = 9 }));

        first.TotalCount.Should().Be(25);
        first.Rows.Should().HaveCount(UserQuery.DefaultPageSize);
        first.PageCount.Should().Be(2);
        first.Rows[0].UserName.Should().Be("reporter01");
        first.Rows[0].Roles.Should().Equal(Roles.Reporter, Roles.Viewer);
        first.Rows[0].DepartmentShortName.Should().Be("教委");
        first.Rows[0].DepartmentName.Should().Be("测试单位教委");
        queries.Should().BeLessThanOrEqualTo(3, "count, page and one query for every row's roles");
        second.Rows.Select(r => r.UserName).Should().Equal("reporter21", "reporter22", "reporter23", "reporter24", "reporter25");
        beyond.Page.Should().Be(2, "a page past the end shows the last page");

        async Task<IEnumerable<string>> Names(UserQuery query) =>
            (await _h.QueryAsync(a => a.ListAsync(query with { PageSize = 100 }))).Rows.Select(r => r.UserName);

        (await Names(new UserQuery { Search = "zhao.l" })).Should().Equal("Zhao.Liu");
        (await Names(new UserQuery { Search = "赵六" })).Should().Equal("Zhao.Liu");
        (await Names(new UserQuery { Search = "zhaoliu@example" })).Should().Equal("Zhao.Liu");
        (await Names(new UserQuery { Search = "1111" })).Should().Equal("Zhao.Liu");
        (await Names(new UserQuery { DepartmentId = _finance })).Should().Equal("Zhao.Liu");
        (await Names(new UserQuery { Role = "NoSuchRole" })).Should().BeEmpty();
        (await Names(new UserQuery { Status = UserStatus.Disabled })).Should().Equal("gone");
        (await Names(new UserQuery { Status = UserStatus.LockedOut })).Should().Equal("locked");
        (await Names(new UserQuery { Status = UserStatus.Active })).Should().HaveCount(28).And.Contain("was.locked").And.NotContain(["gone", "locked"]);
        (await _h.QueryAsync(a => a.ListAsync(new UserQuery { Search = "locked" }))).Rows.Select(r => (r.UserName, r.Status))
            .Should().BeEquivalentTo([("locked", UserStatus.LockedOut), ("was.locked", UserStatus.Active)]);

        _h.Clock.Advance(TimeSpan.FromMinutes(6));
        (await Names(new UserQuery { Status = UserStatus.LockedOut })).Should().BeEmpty("the lockout has run out");
    }

    [Fact]
    public async Task FindIdByUserName_ignores_case_and_surrounding_spaces()
    {
        var id = await _h.CreateAsync("Wang.Wu", [Roles.Viewer]);

        (await _h.QueryAsync(a => a.FindIdByUserNameAsync(" wang.wu "))).Should().Be(id);
        (await _h.QueryAsync(a => a.FindIdByUserNameAsync("wang"))).Should().BeNull();
    }
}
