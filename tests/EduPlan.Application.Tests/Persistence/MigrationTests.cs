using System.Data.Common;
using System.Text.RegularExpressions;
using EduPlan.Core.Organisation;
using EduPlan.Core.Plans;
using EduPlan.Data;
using EduPlan.Data.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace EduPlan.Application.Tests.Persistence;

public sealed partial class MigrationTests
{
    [Fact]
    public void SqlServer_idempotent_script_is_valid_T_SQL_that_creates_every_table()
    {
        var script = DatabaseMigrations.GenerateIdempotentScript(DatabaseProvider.SqlServer);

        var statements = ParseSqlServer(script);

        statements.Tables.Should().Contain(
        [
            "Plans", "Sections", "Tasks", "Milestones", "Goals", "Indicators", "Departments", "DataProtectionKeys",
            "AspNetUsers", "AspNetRoles", "AspNetUserRoles", "AspNetUserClaims", "AspNetUserLogins", "AspNetUserTokens", "AspNetRoleClaims",
            "__EFMigrationsHistory",
        ]);
        script.Should().Contain("IF NOT EXISTS", "an idempotent script checks the history before each migration");
    }

    [Fact]
    public void SqlServer_script_creates_the_natural_key_indexes_as_unique()
    {
        var statements = ParseSqlServer(DatabaseMigrations.GenerateIdempotentScript(DatabaseProvider.SqlServer));

        statements.UniqueIndexes.Should().Contain(
        [
            "Plans(Code)", "Sections(PlanId,Number)", "Tasks(PlanId,Number)", "Milestones(PlanId,Year)", "Goals(MilestoneId,Number)",
            "Indicators(PlanId,Key)", "Departments(ShortName)", "Departments(Name)",
        ]);
        statements.Indexes.Should().Contain(["Tasks(SectionId)", "AspNetUsers(DepartmentId)", "Indicators(TaskId)", "Indicators(MilestoneId)"]);
        statements.UniqueIndexes.Should().NotContain("Tasks(SectionId)");
    }

    [Fact]
    public void SqlServer_script_has_a_single_cascade_path_to_tasks_and_indicators()
    {
        var script = DatabaseMigrations.GenerateIdempotentScript(DatabaseProvider.SqlServer);

        // SQL Server refuses a table reachable by two cascading paths; only the Plan foreign keys cascade.
        ForeignKeyClause(script, "FK_Tasks_Plans_PlanId").Should().Contain("ON DELETE CASCADE");
        ForeignKeyClause(script, "FK_Tasks_Sections_SectionId").Should().NotContain("ON DELETE");
        ForeignKeyClause(script, "FK_Indicators_Plans_PlanId").Should().Contain("ON DELETE CASCADE");
        ForeignKeyClause(script, "FK_Indicators_Tasks_TaskId").Should().NotContain("ON DELETE");
        ForeignKeyClause(script, "FK_Indicators_Milestones_MilestoneId").Should().NotContain("ON DELETE");
        ForeignKeyClause(script, "FK_Plans_Plans_ParentId").Should().Contain("ON DELETE NO ACTION");
        script.Should().Contain("decimal(18,4)", "Indicator.Target has precision 18,4");
        script.Should().Contain("[Comparator] nvarchar(16) NOT NULL");
        script.Should().Contain("[Text] nvarchar(max) NOT NULL");
    }

    [Fact]
    public void SqlServer_audit_trigger_is_valid_T_SQL_inside_its_EXEC_and_refuses_update_and_delete()
    {
        var script = DatabaseMigrations.GenerateIdempotentScript(DatabaseProvider.SqlServer);

        // CREATE TRIGGER must start a batch, so the migration wraps it in EXEC(N'…'); the outer parse sees only a string.
        var bodies = ExecutedStrings().Matches(script).Select(m => m.Groups[1].Value.Replace("''", "'", StringComparison.Ordinal)).ToList();
        bodies.Should().NotBeEmpty("the idempotent script runs statements through EXEC(N'…')");

        var parser = new TSql160Parser(initialQuotedIdentifiers: true);
        var triggers = new List<CreateTriggerStatement>();
        foreach (var body in bodies)
        {
            var fragment = parser.Parse(new StringReader(body), out var errors);
            errors.Select(e => $"{e.Line}:{e.Column} {e.Message} in {body}").Should().BeEmpty();
            var collector = new TriggerCollector();
            fragment.Accept(collector);
            triggers.AddRange(collector.Triggers);
        }

        var trigger = triggers.Should().ContainSingle(t => t.Name.BaseIdentifier.Value == "AuditEntries_AppendOnly").Subject;
        trigger.TriggerObject.Name.BaseIdentifier.Value.Should().Be("AuditEntries");
        trigger.TriggerType.Should().Be(TriggerType.InsteadOf);
        trigger.TriggerActions.Select(a => a.TriggerActionType).Should().BeEquivalentTo([TriggerActionType.Update, TriggerActionType.Delete]);
        var triggerSql = bodies.Single(b => b.Contains("AuditEntries_AppendOnly", StringComparison.Ordinal));
        triggerSql.Should().Contain("DATEADD(day, -180, SYSUTCDATETIME())", "entries younger than 180 days are never deleted");
        triggerSql.Should().Contain("THROW 50001, N'AuditEntries is append-only'", "the quotes inside the EXEC string were doubled and come back single");
    }

    [Fact]
    public void SqlServer_report_history_triggers_refuse_changes_to_revisions_and_to_approved_reports_by_their_syntax_tree()
    {
        var triggers = SqlServerTriggers(DatabaseMigrations.GenerateIdempotentScript(DatabaseProvider.SqlServer));

        var revisions = triggers.Should().ContainSingle(t => t.Name.BaseIdentifier.Value == "ReportRevisions_AppendOnly").Subject;
        revisions.TriggerObject.Name.BaseIdentifier.Value.Should().Be("ReportRevisions");
        revisions.TriggerType.Should().Be(TriggerType.After, "a table with a cascading foreign key cannot have INSTEAD OF triggers");
        revisions.TriggerActions.Select(a => a.TriggerActionType).Should().BeEquivalentTo([TriggerActionType.Update, TriggerActionType.Delete]);
        var revisionsBody = Collect(revisions);
        // The refusal: any deleted row (an update or a delete touched a revision) throws, which rolls the statement back.
        revisionsBody.Throws.Should().ContainSingle().Which.Should().Be((50003, "ReportRevisions is append-only"));
        revisionsBody.Tables.Should().Equal("deleted");

        var approved = triggers.Should().ContainSingle(t => t.Name.BaseIdentifier.Value == "ProgressReports_ApprovedOnlyReopened").Subject;
        approved.TriggerObject.Name.BaseIdentifier.Value.Should().Be("ProgressReports");
        approved.TriggerType.Should().Be(TriggerType.After);
        approved.TriggerActions.Select(a => a.TriggerActionType).Should().BeEquivalentTo([TriggerActionType.Update, TriggerActionType.Delete]);
        var approvedBody = Collect(approved);
        approvedBody.Throws.Should().ContainSingle().Which.Should().Be((50004, "An approved report changes only by reopening"));
        // Refused when the old row was approved and the new one is missing (deleted), not Returned, or differs in content.
        approvedBody.Strings.Should().Contain(["Approved", "Returned"]);
        approvedBody.Tables.Should().Contain(["deleted", "inserted"]);
        approvedBody.Excepts.Should().Be(1, "the content is compared old EXCEPT new, which treats NULLs as equal");
        approvedBody.Columns.Should().Contain(["State", "Progress", "Percent", "Status", "Problems", "NextSteps", "TaskId", "DepartmentId", "Year", "QuarterNumber"]);
    }

    [Fact]
    public void Sqlite_script_creates_the_tasks_table_and_says_it_is_for_an_empty_database()
    {
        var script = DatabaseMigrations.GenerateIdempotentScript(DatabaseProvider.Sqlite);

        script.Should().StartWith("-- SQLite: EF Core cannot generate idempotent scripts");
        script.Should().Contain("CREATE TABLE \"Tasks\"");
        script.Should().Contain("CREATE UNIQUE INDEX \"IX_Tasks_PlanId_Number\" ON \"Tasks\" (\"PlanId\", \"Number\")");
    }

    [Fact]
    public async Task Running_the_sqlite_script_on_an_empty_database_leaves_no_migration_pending()
    {
        await using var connection = new SqliteConnection("DataSource=:memory:");
        await connection.OpenAsync();
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = DatabaseMigrations.GenerateIdempotentScript(DatabaseProvider.Sqlite);
            await command.ExecuteNonQueryAsync();
        }

        var options = new DbContextOptionsBuilder<EduPlanDbContext>()
            .UseSqlite(connection, sqlite => sqlite.MigrationsAssembly(DatabaseServiceCollectionExtensions.SqliteMigrationsAssembly))
            .Options;
        await using var db = new EduPlanDbContext(options);
        (await db.Database.GetPendingMigrationsAsync()).Should().BeEmpty();
        (await db.Plans.CountAsync()).Should().Be(0);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.SqlServer)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public void Migrations_match_the_model_for(DatabaseProvider provider)
    {
        using var db = DatabaseMigrations.CreateOfflineContext(provider);

        db.Database.HasPendingModelChanges().Should().BeFalse(
            $"run `dotnet ef migrations add` for {provider} after changing the model");
        db.Database.GetMigrations().Should().ContainSingle(m => m.EndsWith("_InitialCreate", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Migrating_a_new_sqlite_file_in_a_missing_folder_applies_every_migration()
    {
        var folder = Path.Combine(Path.GetTempPath(), "eduplan-migrate-" + Guid.NewGuid().ToString("N"));
        var file = Path.Combine(folder, "nested", "eduplan.db");
        try
        {
            var options = new DbContextOptionsBuilder<EduPlanDbContext>();
            options.UseEduPlanDatabase(new DatabaseSettings(DatabaseProvider.Sqlite, $"Data Source={file}"));
            await using (var db = new EduPlanDbContext(options.Options))
            {
                (await db.Database.GetPendingMigrationsAsync()).Should().NotBeEmpty();

                await DatabaseMigrations.MigrateAsync(db);

                (await db.Database.GetPendingMigrationsAsync()).Should().BeEmpty();
                (await db.Database.GetAppliedMigrationsAsync()).Should().Equal(db.Database.GetMigrations());
                (await db.Plans.CountAsync()).Should().Be(0);

                await DatabaseMigrations.MigrateAsync(db);
                (await db.Database.GetAppliedMigrationsAsync()).Should().Equal(db.Database.GetMigrations(), "migrating twice is harmless");
            }

            File.Exists(file).Should().BeTrue();
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Deleting_a_plan_removes_its_rows_but_a_parent_with_a_child_cannot_be_deleted()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using (var db = database.CreateContext())
        {
            var parent = new Plan { Code = "parent", Title = "父", Issuer = "甲" };
            var child = NewPlanWithRows("child");
            child.Parent = parent;
            db.AddRange(parent, child);
            await db.SaveChangesAsync();
        }

        await using (var db = database.CreateContext())
        {
            // Through SQL, so the database's own foreign keys are tested rather than EF's client-side cascade.
            var deleteParent = () => db.Database.ExecuteSqlRawAsync("""DELETE FROM "Plans" WHERE "Code" = 'parent'""");
            await deleteParent.Should().ThrowAsync<DbException>().Where(e => ViolatesForeignKey(e));

            (await db.Database.ExecuteSqlRawAsync("""DELETE FROM "Plans" WHERE "Code" = 'child'""")).Should().Be(1);

            (await db.Sections.CountAsync()).Should().Be(0);
            (await db.Tasks.CountAsync()).Should().Be(0);
            (await db.Milestones.CountAsync()).Should().Be(0);
            (await db.Goals.CountAsync()).Should().Be(0);
            (await db.Indicators.CountAsync()).Should().Be(0);
        }
    }

    [Fact]
    public async Task A_section_that_still_holds_tasks_cannot_be_deleted()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using (var db = database.CreateContext())
        {
            db.Add(NewPlanWithRows("plan"));
            await db.SaveChangesAsync();
        }

        await using (var db = database.CreateContext())
        {
            var deleteSection = () => db.Database.ExecuteSqlRawAsync("""DELETE FROM "Sections" """);
            await deleteSection.Should().ThrowAsync<DbException>().Where(e => ViolatesForeignKey(e));
        }
    }

    [Fact]
    public async Task Department_kind_is_stored_by_name_and_a_department_with_users_cannot_be_deleted()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using (var db = database.CreateContext())
        {
            var department = new Department { Name = "重庆市教育委员会", ShortName = "市教委", Kind = DepartmentKind.MunicipalDepartment };
            db.Add(department);
            await db.SaveChangesAsync();
            db.Add(new ApplicationUser { UserName = "zhangsan", DisplayName = "张三", DepartmentId = department.Id });
            db.Add(new Department { Name = "另一个单位", ShortName = "市教委", Kind = DepartmentKind.Other });
            var duplicateShortName = () => db.SaveChangesAsync();
            await duplicateShortName.Should().ThrowAsync<DbUpdateException>();
        }

        await using (var db = database.CreateContext())
        {
            db.Add(new ApplicationUser { UserName = "zhangsan", DisplayName = "张三", DepartmentId = await db.Departments.Select(d => d.Id).SingleAsync() });
            await db.SaveChangesAsync();

            (await db.Database.SqlQueryRaw<string>("""SELECT "Kind" AS "Value" FROM "Departments" """).SingleAsync()).Should().Be("MunicipalDepartment");
            var deleteDepartment = () => db.Database.ExecuteSqlRawAsync("""DELETE FROM "Departments" """);
            await deleteDepartment.Should().ThrowAsync<DbException>().Where(e => ViolatesForeignKey(e));
        }
    }

    private static Plan NewPlanWithRows(string code)
    {
        var plan = new Plan { Code = code, Title = "规划", Issuer = "乙" };
        var section = new Section { Plan = plan, Number = 1, Title = "一" };
        var task = new PlanTask { Plan = plan, Section = section, Number = 1, Title = "甲", Text = "甲。" };
        var milestone = new Milestone { Plan = plan, Year = 2027, Text = "到2027年" };
        milestone.Goals.Add(new Goal { Milestone = milestone, Number = 1, Title = "乙", Text = "乙。" });
        plan.Sections.Add(section);
        plan.Tasks.Add(task);
        plan.Milestones.Add(milestone);
        plan.Indicators.Add(new Indicator
        {
            Plan = plan,
            Key = "k",
            Name = "甲",
            Unit = "%",
            SourceText = "甲",
            Target = 1.5m,
            Task = task,
            Milestone = milestone,
        });
        return plan;
    }

    /// <summary>SQLite says "FOREIGN KEY constraint failed", PostgreSQL "violates foreign key constraint".</summary>
    private static bool ViolatesForeignKey(DbException e) => e.Message.Contains("foreign key", StringComparison.OrdinalIgnoreCase);

    private static string ForeignKeyClause(string script, string name)
    {
        var start = script.IndexOf($"CONSTRAINT [{name}]", StringComparison.Ordinal);
        start.Should().BeGreaterThanOrEqualTo(0, $"the script must create {name}");
        var end = script.IndexOfAny([',', '\n'], start);
        return script[start..end];
    }

    private static ParsedScript ParseSqlServer(string script)
    {
        var parser = new TSql160Parser(initialQuotedIdentifiers: true);
        var fragment = parser.Parse(new StringReader(script), out var errors);
        errors.Select(e => $"{e.Line}:{e.Column} {e.Message}").Should().BeEmpty();

        var collector = new StatementCollector();
        fragment.Accept(collector);

        // EF wraps some statements of an idempotent script in EXEC(N'…'); parse those too.
        foreach (var inner in collector.ExecutedSql.ToList())
        {
            var innerFragment = parser.Parse(new StringReader(inner), out var innerErrors);
            innerErrors.Select(e => $"{e.Line}:{e.Column} {e.Message} in {inner}").Should().BeEmpty();
            innerFragment.Accept(collector);
        }

        return new ParsedScript(collector.Tables, collector.Indexes, collector.UniqueIndexes);
    }

    // EXEC(N'…') with '' for each quote inside; the body ends at the first lone quote followed by ")".
    [GeneratedRegex(@"EXEC\(N'((?:[^']|'')*)'\)", RegexOptions.Singleline)]
    private static partial Regex ExecutedStrings();

    /// <summary>Every CREATE TRIGGER of the script, parsed from inside its EXEC(N'…').</summary>
    private static List<CreateTriggerStatement> SqlServerTriggers(string script)
    {
        var parser = new TSql160Parser(initialQuotedIdentifiers: true);
        var collector = new TriggerCollector();
        foreach (var body in ExecutedStrings().Matches(script).Select(m => m.Groups[1].Value.Replace("''", "'", StringComparison.Ordinal)))
        {
            var fragment = parser.Parse(new StringReader(body), out var errors);
            errors.Select(e => $"{e.Line}:{e.Column} {e.Message} in {body}").Should().BeEmpty();
            fragment.Accept(collector);
        }

        return collector.Triggers;
    }

    private static TriggerBody Collect(CreateTriggerStatement trigger)
    {
        var body = new TriggerBody();
        trigger.StatementList.Accept(body);
        return body;
    }

    /// <summary>What a trigger's statements throw, read and compare: THROW number and message, tables, columns, string literals.</summary>
    private sealed class TriggerBody : TSqlFragmentVisitor
    {
        public List<(int Number, string Message)> Throws { get; } = [];

        public List<string> Tables { get; } = [];

        public List<string> Columns { get; } = [];

        public List<string> Strings { get; } = [];

        public int Excepts { get; private set; }

        public override void Visit(ThrowStatement node) =>
            Throws.Add((int.Parse(((IntegerLiteral)node.ErrorNumber).Value, System.Globalization.CultureInfo.InvariantCulture), ((StringLiteral)node.Message).Value));

        public override void Visit(NamedTableReference node) => Tables.Add(node.SchemaObject.BaseIdentifier.Value);

        public override void Visit(ColumnReferenceExpression node) => Columns.Add(node.MultiPartIdentifier.Identifiers[^1].Value);

        public override void Visit(StringLiteral node) => Strings.Add(node.Value);

        public override void Visit(BinaryQueryExpression node)
        {
            if (node.BinaryQueryExpressionType == BinaryQueryExpressionType.Except)
            {
                Excepts++;
            }
        }
    }

    private sealed class TriggerCollector : TSqlFragmentVisitor
    {
        public List<CreateTriggerStatement> Triggers { get; } = [];

        public override void Visit(CreateTriggerStatement node) => Triggers.Add(node);
    }

    private sealed record ParsedScript(List<string> Tables, List<string> Indexes, List<string> UniqueIndexes);

    private sealed class StatementCollector : TSqlFragmentVisitor
    {
        public List<string> Tables { get; } = [];

        public List<string> Indexes { get; } = [];

        public List<string> UniqueIndexes { get; } = [];

        public List<string> ExecutedSql { get; } = [];

        public override void Visit(CreateTableStatement node) => Tables.Add(node.SchemaObjectName.BaseIdentifier.Value);

        public override void Visit(CreateIndexStatement node)
        {
            var columns = node.Columns.Select(c => c.Column.MultiPartIdentifier.Identifiers[^1].Value);
            var index = $"{node.OnName.BaseIdentifier.Value}({string.Join(",", columns)})";
            (node.Unique ? UniqueIndexes : Indexes).Add(index);
        }

        public override void Visit(ExecuteStatement node)
        {
            if (node.ExecuteSpecification.ExecutableEntity is ExecutableStringList list)
            {
                ExecutedSql.Add(string.Concat(list.Strings.OfType<StringLiteral>().Select(s => s.Value)));
            }
        }
    }
}
