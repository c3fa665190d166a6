using System.Data.Common;
using System.Globalization;
using EduPlan.Data;
using EduPlan.Tests;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;

namespace EduPlan.Application.Tests.Persistence;

/// <summary>
/// Upgrades keep data: for each earlier migration (every one but the last, read from the migrations assembly, so a new
/// migration is covered without touching this test), a database is migrated up to it, every table of that
/// migration's model gets rows (a generated fixture: keys, foreign keys in order, each column a value of its type, an
/// enum's name where the current model maps an enum), then it is migrated to the latest version. Every row and every
/// value of a column that still exists must be there, and the current model must read every row of every entity.
/// On SQLite here and on PostgreSQL on the PostgreSQL run.
/// </summary>
public sealed class UpgradeKeepsDataTests
{
    private const int RowsPerTable = 2;

    private static DatabaseProvider Provider => TestDatabases.OnPostgres ? DatabaseProvider.PostgreSql : DatabaseProvider.Sqlite;

    public static TheoryData<string> EarlierMigrations()
    {
        using var db = DatabaseMigrations.CreateOfflineContext(Provider);
        var all = db.Database.GetMigrations().ToList();
        return [.. all.Take(all.Count - 1)];
    }

    [Theory]
    [MemberData(nameof(EarlierMigrations))]
    public async Task Rows_written_at_an_earlier_migration_survive_the_upgrade_and_are_read(string migration)
    {
        var folder = Path.Combine(Path.GetTempPath(), "eduplan-upgrade-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        using var postgres = TestDatabases.OnPostgres ? PostgresDatabase.CreateEmpty() : null;
        var settings = postgres?.Settings ?? new DatabaseSettings(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(folder, "upgrade.db")};Pooling=false");
        try
        {
            Dictionary<string, List<Dictionary<string, string?>>> before;
            await using (var db = Context(settings))
            {
                await db.GetService<IMigrator>().MigrateAsync(migration);
                var assembly = db.GetService<IMigrationsAssembly>();
                var model = assembly.CreateMigration(assembly.Migrations[migration], db.Database.ProviderName!).TargetModel!;
                await FillAsync(db, model);
                before = await ReadTablesAsync(db, Tables(model));
                before.Should().OnlyContain(t => t.Value.Count >= RowsPerTable, "every table of the migration's model is filled");
            }

            await using (var db = Context(settings))
            {
                await DatabaseMigrations.MigrateAsync(db);
                var now = Tables(db.Model).ToDictionary(t => t.Table, t => t.Columns);
                var after = await ReadTablesAsync(db, Tables(db.Model).Where(t => before.ContainsKey(t.Table)).ToList());
                foreach (var (table, rows) in before.Where(b => now.ContainsKey(b.Key)))
                {
                    // The columns the table had then and still has (a later migration may add or drop some).
                    var kept = now[table].Where(c => rows.Count == 0 || rows[0].ContainsKey(c)).ToList();
                    Project(after[table], kept).Should().BeEquivalentTo(Project(rows, kept), $"every row of {table} written at {migration} survives the upgrade");
                }

                // The portal reads every row through the current model (types, enum names, conversions).
                foreach (var entityType in db.Model.GetEntityTypes().Where(e => e.GetTableName() is not null && !e.IsOwned()))
                {
                    var rows = await LoadAllAsync(db, entityType.ClrType);
                    var stored = Convert.ToInt32(await ScalarAsync(db, $"SELECT COUNT(*) FROM {Quote(entityType.GetTableName()!)}"), CultureInfo.InvariantCulture);
                    rows.Should().Be(stored, $"the current model reads every row of {entityType.GetTableName()}");
                }
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static EduPlanDbContext Context(DatabaseSettings settings) =>
        new(new DbContextOptionsBuilder<EduPlanDbContext>().UseEduPlanDatabase(settings).Options);

    private sealed record TableColumns(string Table, List<string> Columns, IEntityType EntityType);

    private static List<TableColumns> Tables(IModel model) =>
        model.GetEntityTypes()
            .Where(e => e.GetTableName() is not null && !e.IsOwned())
            .Select(e => new TableColumns(e.GetTableName()!, e.GetFlattenedProperties().Select(p => p.GetColumnName(StoreObjectIdentifier.Table(e.GetTableName()!, e.GetSchema()))!).ToList(), e))
            .ToList();

    /// <summary>Rows for every table of <paramref name="model"/>, principals before dependents, values typed as the current model maps the column.</summary>
    private static async Task FillAsync(EduPlanDbContext db, IModel model)
    {
        var current = db.Model;
        var written = new Dictionary<IEntityType, List<Dictionary<IProperty, object?>>>();
        var pending = Tables(model).Select(t => t.EntityType).ToList();
        while (pending.Count > 0)
        {
            var ready = pending.FirstOrDefault(e => e.GetForeignKeys().All(fk => fk.PrincipalEntityType == e || written.ContainsKey(fk.PrincipalEntityType)))
                ?? throw new InvalidOperationException("Foreign keys form a cycle: " + string.Join(", ", pending.Select(e => e.GetTableName())));
            pending.Remove(ready);
            var table = ready.GetTableName()!;
            var store = StoreObjectIdentifier.Table(table, ready.GetSchema());
            var rows = new List<Dictionary<IProperty, object?>>();
            for (var i = 1; i <= RowsPerTable; i++)
            {
                var row = new Dictionary<IProperty, object?>();
                foreach (var property in ready.GetFlattenedProperties())
                {
                    var foreignKey = property.GetContainingForeignKeys().FirstOrDefault();
                    if (foreignKey is not null)
                    {
                        row[property] = foreignKey.PrincipalEntityType == ready && foreignKey.Properties.All(p => p.IsNullable)
                            ? null
                            : written[foreignKey.PrincipalEntityType][i - 1][foreignKey.PrincipalKey.Properties[foreignKey.Properties.ToList().IndexOf(property)]];
                        continue;
                    }

                    var column = property.GetColumnName(store)!;
                    var mapped = current.GetEntityTypes().Where(e => e.GetTableName() == table)
                        .SelectMany(e => e.GetFlattenedProperties())
                        .FirstOrDefault(p => p.GetColumnName(StoreObjectIdentifier.Table(table, p.DeclaringType.ContainingEntityType.GetSchema())) == column);
                    row[property] = Value(mapped ?? property, i, property.IsPrimaryKey());
                }

                rows.Add(row);
                var columns = row.Keys.ToList();
                await using var command = db.Database.GetDbConnection().CreateCommand();
                command.CommandText = $"INSERT INTO {Quote(table)} ({string.Join(", ", columns.Select(p => Quote(p.GetColumnName(store)!)))}) VALUES ({string.Join(", ", columns.Select((_, n) => "@p" + n))})";
                for (var n = 0; n < columns.Count; n++)
                {
                    var parameter = command.CreateParameter();
                    parameter.ParameterName = "@p" + n;
                    parameter.Value = row[columns[n]] ?? DBNull.Value;
                    command.Parameters.Add(parameter);
                }

                await db.Database.OpenConnectionAsync();
                await command.ExecuteNonQueryAsync();
            }

            written[ready] = rows;
        }
    }

    /// <summary>Row <paramref name="i"/>'s value of a column, in the provider's type (through the current model's converter when it has one).</summary>
    private static object? Value(IReadOnlyProperty property, int i, bool key)
    {
        var type = Nullable.GetUnderlyingType(property.ClrType) ?? property.ClrType;
        object value = type switch
        {
            _ when type.IsEnum => Enum.GetValues(type).GetValue(i % Enum.GetValues(type).Length)!,
            _ when type == typeof(string) => Text(property, i),
            _ when type == typeof(int) => key ? 1000 + i : i,
            _ when type == typeof(long) => key ? 1000L + i : i,
            _ when type == typeof(short) => (short)i,
            _ when type == typeof(byte) => (byte)i,
            _ when type == typeof(bool) => i % 2 == 0,
            _ when type == typeof(decimal) => 1.25m + i,
            _ when type == typeof(double) => 1.25 + i,
            _ when type == typeof(float) => 1.25f + i,
            _ when type == typeof(DateTime) => new DateTime(2026, 1, i, 8, 30, 0, DateTimeKind.Utc),
            _ when type == typeof(DateTimeOffset) => new DateTimeOffset(2026, 1, i, 8, 30, 0, TimeSpan.Zero),
            _ when type == typeof(DateOnly) => new DateOnly(2026, 1, i),
            _ when type == typeof(TimeSpan) => TimeSpan.FromMinutes(i),
            _ when type == typeof(Guid) => new Guid(i, 0, 0, new byte[8]),
            _ when type == typeof(byte[]) => new byte[] { 1, 2, (byte)i },
            _ => throw new NotSupportedException($"No fixture value for {property.DeclaringType.DisplayName()}.{property.Name} of type {type}"),
        };
        var converter = (property as IProperty)?.GetTypeMapping().Converter ?? property.GetValueConverter();
        return converter is null ? value : converter.ConvertToProvider(value);
    }

    private static string Text(IReadOnlyProperty property, int i)
    {
        var text = $"{i}{property.Name}固定";
        return property.GetMaxLength() is { } max && text.Length > max ? text[..max] : text;
    }

    private static async Task<Dictionary<string, List<Dictionary<string, string?>>>> ReadTablesAsync(EduPlanDbContext db, List<TableColumns> tables)
    {
        var result = new Dictionary<string, List<Dictionary<string, string?>>>();
        await db.Database.OpenConnectionAsync();
        foreach (var table in tables.DistinctBy(t => t.Table))
        {
            var columns = tables.Where(t => t.Table == table.Table).SelectMany(t => t.Columns).Distinct().ToList();
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = $"SELECT {string.Join(", ", columns.Select(Quote))} FROM {Quote(table.Table)}";
            await using var reader = await command.ExecuteReaderAsync();
            var rows = new List<Dictionary<string, string?>>();
            while (await reader.ReadAsync())
            {
                rows.Add(columns.Select((c, n) => (c, reader.IsDBNull(n) ? null : Normalise(reader.GetValue(n)))).ToDictionary(x => x.c, x => x.Item2));
            }

            result[table.Table] = rows;
        }

        return result;
    }

    /// <summary>A value as text that reads the same whichever way the provider returns it.</summary>
    private static string Normalise(object value) => value switch
    {
        DateTime d => d.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        DateTimeOffset d => d.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        byte[] b => Convert.ToHexString(b),
        decimal m => m.ToString("0.####", CultureInfo.InvariantCulture),
        double f => f.ToString("0.####", CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture)!,
    };

    private static List<string> Project(List<Dictionary<string, string?>> rows, List<string> columns) =>
        rows.Select(r => string.Join(" | ", columns.Where(r.ContainsKey).Select(c => $"{c}={r[c]}"))).Order(StringComparer.Ordinal).ToList();

    private static async Task<int> LoadAllAsync(EduPlanDbContext db, Type clrType)
    {
        var set = typeof(DbContext).GetMethod(nameof(DbContext.Set), Type.EmptyTypes)!.MakeGenericMethod(clrType).Invoke(db, null)!;
        var list = await EntityFrameworkQueryableExtensions.ToListAsync((IQueryable<object>)set);
        return list.Count;
    }

    private static async Task<object?> ScalarAsync(EduPlanDbContext db, string sql)
    {
        await db.Database.OpenConnectionAsync();
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }

    private static string Quote(string identifier) => $"\"{identifier}\"";
}
