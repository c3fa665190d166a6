namespace EduPlan.Cli.Tests;

/// <summary>users, departments and owners verbs against a real SQLite file, with their audit entries.</summary>
public sealed class AdministrationCommandTests : IDisposable
{
    private const string Password = "Cli-Reporter-Pass1";
    private readonly CliSandbox sandbox = new();

    public void Dispose() => sandbox.Dispose();

    [Fact]
    public async Task Departments_add_creates_the_department_and_audits_it_as_the_operator()
    {
        var result = await sandbox.RunAsync("departments", "add", "--name", "重庆市教育委员会", "--short", "市教委", "--kind", "市级部门");

        result.ExitCode.Should().Be(0, result.ToString());
        result.Output.Should().Contain("added department 市教委 (重庆市教育委员会, Municipal department)");
        sandbox.Scalar("SELECT \"Kind\" FROM \"Departments\" WHERE \"ShortName\" = '市教委'").Should().Be("MunicipalDepartment");
        sandbox.Scalar("SELECT \"ActorName\" FROM \"AuditEntries\" WHERE \"Action\" = 'DepartmentCreated'")
            .Should().Be("cli:" + Environment.UserName);
    }

    [Fact]
    public async Task Departments_add_refuses_a_short_name_that_exists_and_writes_nothing_more()
    {
        (await sandbox.RunAsync("departments", "add", "--name", "重庆市教育委员会", "--short", "市教委")).ExitCode.Should().Be(0);

        var again = await sandbox.RunAsync("departments", "add", "--name", "另一个单位", "--short", "市教委");

        again.ExitCode.Should().Be(1, again.ToString());
        again.Error.Should().Contain("could not add department 市教委")
            .And.Contain("ShortName: The short name “市教委” is already used by the department “重庆市教育委员会”.");
        sandbox.Scalar("SELECT COUNT(*) FROM \"Departments\"").Should().Be(1L);
    }

    [Fact]
    public async Task Departments_messages_are_Chinese_with_lang_zh()
    {
        (await sandbox.RunAsync("departments", "add", "--name", "重庆市教育委员会", "--short", "市教委")).ExitCode.Should().Be(0);

        var again = await sandbox.RunAsync("--lang", "zh", "departments", "add", "--name", "另一个单位", "--short", "市教委");
        var listed = await sandbox.RunAsync("departments", "list", "--lang=zh");

        again.ExitCode.Should().Be(1, again.ToString());
        again.Error.Should().Contain("ShortName: 简称“市教委”已被单位“重庆市教育委员会”使用。");
        listed.Output.Should().Contain("市教委\t重庆市教育委员会\t其他\t");
    }

    [Fact]
    public async Task Users_add_creates_a_reporter_who_must_change_the_one_time_password()
    {
        await sandbox.RunAsync("departments", "add", "--name", "重庆市教育委员会", "--short", "市教委");

        var result = await sandbox.RunAsync("users", "add", "--user", "li.si", "--name", "李四", "--role", "Reporter", "--department", "市教委");

        result.ExitCode.Should().Be(0, result.ToString());
        var password = OneTimePassword(result.Output);
        password.Length.Should().BeGreaterThanOrEqualTo(12);
        sandbox.Scalar("SELECT \"MustChangePassword\" FROM \"AspNetUsers\" WHERE \"UserName\" = 'li.si'").Should().Be(1L);
        sandbox.Scalar("SELECT d.\"ShortName\" FROM \"AspNetUsers\" u JOIN \"Departments\" d ON d.\"Id\" = u.\"DepartmentId\" WHERE u.\"UserName\" = 'li.si'")
            .Should().Be("市教委");
        sandbox.Scalar("SELECT r.\"Name\" FROM \"AspNetUserRoles\" ur JOIN \"AspNetRoles\" r ON r.\"Id\" = ur.\"RoleId\" JOIN \"AspNetUsers\" u ON u.\"Id\" = ur.\"UserId\" WHERE u.\"UserName\" = 'li.si'")
            .Should().Be("Reporter");
        var details = (string?)sandbox.Scalar("SELECT \"Details\" FROM \"AuditEntries\" WHERE \"Action\" = 'UserCreated'");
        details.Should().Contain("李四").And.NotContain(password);
    }

    [Fact]
    public async Task Users_add_takes_several_roles_and_refuses_administrator_with_auditor()
    {
        var two = await sandbox.RunAsync("users", "add", "--user", "wang", "--name", "王五", "--role", "Coordinator", "--role", "Viewer");
        var forbidden = await sandbox.RunAsync("users", "add", "--user", "zhao", "--name", "赵六", "--role", "Administrator", "--role", "Auditor");

        two.ExitCode.Should().Be(0, two.ToString());
        sandbox.Scalar("SELECT COUNT(*) FROM \"AspNetUserRoles\" ur JOIN \"AspNetUsers\" u ON u.\"Id\" = ur.\"UserId\" WHERE u.\"UserName\" = 'wang'").Should().Be(2L);
        forbidden.ExitCode.Should().Be(1, forbidden.ToString());
        forbidden.Error.Should().Contain("Roles: The same person cannot be both Administrator and Auditor");
        sandbox.Scalar("SELECT COUNT(*) FROM \"AspNetUsers\" WHERE \"UserName\" = 'zhao'").Should().Be(0L);
    }

    [Fact]
    public async Task Only_the_command_line_creates_an_auditor_and_it_is_audited_as_the_operator()
    {
        var result = await sandbox.RunAsync("users", "add", "--user", "shen.ji", "--name", "审计员", "--role", "Auditor");

        result.ExitCode.Should().Be(0, result.ToString());
        sandbox.Scalar("SELECT r.\"Name\" FROM \"AspNetUserRoles\" ur JOIN \"AspNetRoles\" r ON r.\"Id\" = ur.\"RoleId\" JOIN \"AspNetUsers\" u ON u.\"Id\" = ur.\"UserId\" WHERE u.\"UserName\" = 'shen.ji'")
            .Should().Be("Auditor");
        sandbox.Scalar("SELECT \"ActorName\" FROM \"AuditEntries\" WHERE \"Action\" = 'UserCreated' AND \"TargetName\" = 'shen.ji'")
            .Should().Be("cli:" + Environment.UserName);
    }

    [Fact]
    public async Task Users_add_with_a_weak_password_says_which_rule_and_creates_nobody()
    {
        var result = await sandbox.RunAsync("users", "add", "--user", "weak", "--name", "弱密码", "--role", "Viewer", "--password", "alllowercaseletters");

        result.ExitCode.Should().Be(1, result.ToString());
        result.Error.Should().Contain("Password: A password must contain at least 3 of these kinds");
        result.Output.Should().NotContain("alllowercaseletters");
        sandbox.Scalar("SELECT COUNT(*) FROM \"AspNetUsers\" WHERE \"UserName\" = 'weak'").Should().Be(0L);
    }

    [Fact]
    public async Task Users_messages_are_Chinese_with_lang_zh()
    {
        var result = await sandbox.RunAsync("users", "add", "--user", "zhao", "--name", "赵六", "--role", "Administrator", "--role", "Auditor", "--lang", "zh");

        result.ExitCode.Should().Be(1, result.ToString());
        result.Error.Should().Contain("could not create user zhao")
            .And.Contain("Roles: 系统管理员和审计员不能由同一人担任（三权分立：管理员的操作由审计员审查）。");
    }

    [Fact]
    public async Task Users_add_without_a_role_or_user_name_is_a_usage_error()
    {
        var noRole = await sandbox.RunAsync("users", "add", "--user", "x", "--name", "某人");
        var noUser = await sandbox.RunAsync("users", "add", "--name", "某人", "--role", "Viewer");

        noRole.ExitCode.Should().Be(2);
        noRole.Error.Should().Contain("--role is required");
        noUser.ExitCode.Should().Be(2);
        noUser.Error.Should().Contain("--user is required");
    }

    [Fact]
    public async Task Users_list_shows_users_and_filters_by_role()
    {
        await sandbox.RunAsync("users", "add", "--user", "viewer1", "--name", "查看者", "--role", "Viewer");
        await sandbox.RunAsync("users", "add", "--user", "coord1", "--name", "协调者", "--role", "Coordinator");

        var all = await sandbox.RunAsync("users", "list");
        var viewers = await sandbox.RunAsync("users", "list", "--role", "Viewer");

        all.ExitCode.Should().Be(0, all.ToString());
        all.Output.Should().StartWith("user\tname\tdepartment\troles\tstatus");
        all.Output.Should().Contain("viewer1\t查看者").And.Contain("coord1\t协调者");
        viewers.Output.Should().Contain("viewer1").And.NotContain("coord1");
    }

    [Fact]
    public async Task Users_disable_ends_sign_in_and_is_audited_and_an_unknown_name_is_an_error()
    {
        await sandbox.RunAsync("users", "add", "--user", "leaver", "--name", "离职者", "--role", "Viewer");
        var stampBefore = sandbox.Scalar("SELECT \"SecurityStamp\" FROM \"AspNetUsers\" WHERE \"UserName\" = 'leaver'");

        var disabled = await sandbox.RunAsync("users", "disable", "leaver");
        var unknown = await sandbox.RunAsync("users", "disable", "nobody");

        disabled.ExitCode.Should().Be(0, disabled.ToString());
        sandbox.Scalar("SELECT \"IsDisabled\" FROM \"AspNetUsers\" WHERE \"UserName\" = 'leaver'").Should().Be(1L);
        sandbox.Scalar("SELECT \"SecurityStamp\" FROM \"AspNetUsers\" WHERE \"UserName\" = 'leaver'").Should().NotBe(stampBefore, "open sessions must end");
        sandbox.Scalar("SELECT COUNT(*) FROM \"AuditEntries\" WHERE \"Action\" = 'UserDisabled' AND \"TargetName\" = 'leaver'").Should().Be(1L);
        unknown.ExitCode.Should().Be(1);
        unknown.Error.Should().Contain("no user named 'nobody'");
    }

    [Fact]
    public async Task Users_reset_password_prints_a_new_one_time_password()
    {
        var added = await sandbox.RunAsync("users", "add", "--user", "forgetful", "--name", "健忘者", "--role", "Viewer");

        var reset = await sandbox.RunAsync("users", "reset-password", "forgetful");

        reset.ExitCode.Should().Be(0, reset.ToString());
        OneTimePassword(reset.Output).Should().NotBe(OneTimePassword(added.Output));
        sandbox.Scalar("SELECT COUNT(*) FROM \"AuditEntries\" WHERE \"Action\" = 'PasswordReset'").Should().Be(1L);
        var details = (string?)sandbox.Scalar(sandbox.OnPostgres
            ? "SELECT string_agg(coalesce(\"Details\", ''), '|') FROM \"AuditEntries\""
            : "SELECT group_concat(coalesce(\"Details\", ''), '|') FROM \"AuditEntries\"");
        details.Should().NotContain(OneTimePassword(reset.Output));
    }

    [Fact]
    public async Task Owners_import_sets_the_lead_of_a_task_and_a_bad_file_writes_nothing()
    {
        (await sandbox.RunAsync("import", CliSandbox.SeedPath)).ExitCode.Should().Be(0);
        await sandbox.RunAsync("departments", "add", "--name", "重庆市教育委员会", "--short", "市教委");
        await sandbox.RunAsync("departments", "add", "--name", "重庆市财政局", "--short", "市财政局");
        var good = sandbox.WriteFile("good.csv", "计划,任务编号,牵头单位,参与单位\nchongqing,9,市教委,市财政局\n");
        var bad = sandbox.WriteFile("bad.csv", "chongqing,10,市教委,\nchongqing,99,市教委,\n");

        var applied = await sandbox.RunAsync("owners", "import", good);
        var refused = await sandbox.RunAsync("owners", "import", bad);

        applied.ExitCode.Should().Be(0, applied.ToString());
        applied.Output.Should().Contain("chongqing #9").And.Contain("changed 1 task");
        sandbox.Scalar("SELECT d.\"ShortName\" FROM \"Tasks\" t JOIN \"Plans\" p ON p.\"Id\" = t.\"PlanId\" JOIN \"Departments\" d ON d.\"Id\" = t.\"LeadDepartmentId\" WHERE p.\"Code\" = 'chongqing' AND t.\"Number\" = 9")
            .Should().Be("市教委");
        refused.ExitCode.Should().Be(1, refused.ToString());
        refused.Error.Should().Contain($"error: {bad}:2: The plan chongqing has no task 99 (it has 43).");
        sandbox.Scalar("SELECT COUNT(*) FROM \"Tasks\" t JOIN \"Plans\" p ON p.\"Id\" = t.\"PlanId\" WHERE p.\"Code\" = 'chongqing' AND t.\"Number\" = 10 AND t.\"LeadDepartmentId\" IS NOT NULL")
            .Should().Be(0L, "the good row of a refused file is not applied either");
    }

    [Fact]
    public async Task Owners_import_dry_run_reports_the_change_without_writing_it()
    {
        await sandbox.RunAsync("import", CliSandbox.SeedPath);
        await sandbox.RunAsync("departments", "add", "--name", "重庆市教育委员会", "--short", "市教委");
        var file = sandbox.WriteFile("owners.csv", "chongqing,9,市教委,\n");

        var result = await sandbox.RunAsync("owners", "import", file, "--dry-run");

        result.ExitCode.Should().Be(0, result.ToString());
        result.Output.Should().Contain("chongqing #9: lead: none; co-departments: none → lead: 重庆市教育委员会; co-departments: none");
        result.Output.Should().Contain("would change 1 task");
        sandbox.Scalar("SELECT COUNT(*) FROM \"Tasks\" WHERE \"LeadDepartmentId\" IS NOT NULL").Should().Be(0L);
    }

    [Fact]
    public async Task Owners_import_takes_effect_from_the_quarter_given_and_refuses_a_closed_one()
    {
        await sandbox.RunAsync("import", CliSandbox.SeedPath);
        await sandbox.RunAsync("departments", "add", "--name", "重庆市教育委员会", "--short", "市教委");
        var file = sandbox.WriteFile("owners.csv", "chongqing,9,市教委,\n");

        var closed = await sandbox.RunAsync("owners", "import", file, "--from", "2025Q1");
        var typo = await sandbox.RunAsync("owners", "import", file, "--from", "Q3");
        var later = await sandbox.RunAsync("owners", "import", file, "--from", "2035Q4");

        closed.ExitCode.Should().Be(1, closed.ToString());
        closed.Error.Should().Contain("2025 Q1 is closed and its owners cannot change");
        typo.ExitCode.Should().NotBe(0);
        typo.Error.Should().Contain("--from 'Q3' is not a quarter");
        later.ExitCode.Should().Be(0, later.ToString());
        later.Output.Should().Contain("changed 1 task from 2035Q4");
        sandbox.Scalar("SELECT \"LeadFromQuarter\" FROM \"Tasks\" WHERE \"LeadDepartmentId\" IS NOT NULL").Should().Be(20354L);
    }

    [Fact]
    public async Task Owners_messages_are_Chinese_with_lang_zh()
    {
        await sandbox.RunAsync("import", CliSandbox.SeedPath);
        await sandbox.RunAsync("departments", "add", "--name", "重庆市教育委员会", "--short", "市教委");
        var good = sandbox.WriteFile("owners.csv", "chongqing,9,市教委,\n");
        var bad = sandbox.WriteFile("bad.csv", "chongqing,九九,市教委,\n");

        var checkedRun = await sandbox.RunAsync("--lang", "zh", "owners", "import", good, "--dry-run");
        var refused = await sandbox.RunAsync("--lang", "zh", "owners", "import", bad);

        checkedRun.Output.Should().Contain("chongqing #9: 牵头：未指定；参与：无 → 牵头：重庆市教育委员会；参与：无");
        refused.ExitCode.Should().Be(1, refused.ToString());
        refused.Error.Should().Contain($"error: {bad}:1: 任务序号“九九”不是有效的序号（可写 9、九 或 （九））。");
    }

    private static string OneTimePassword(string output)
    {
        var line = output.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith("one-time password: ", StringComparison.Ordinal));
        line.Should().NotBeNull($"the output should show the one-time password:\n{output}");
        return line!["one-time password: ".Length..];
    }
}
