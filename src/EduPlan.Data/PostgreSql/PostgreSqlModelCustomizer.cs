using EduPlan.Core.Organisation;
using EduPlan.Core.Plans;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace EduPlan.Data.PostgreSql;

/// <summary>
/// What the PostgreSQL model adds to the shared one, kept with the provider (registered only by its branch of
/// <see cref="DatabaseServiceCollectionExtensions.UseEduPlanDatabase(DbContextOptionsBuilder, DatabaseSettings)"/>):
/// the natural keys that SQL Server compares without regard to case are compared the same way here, through a
/// case-insensitive ICU collation (docs/adr/0016-postgresql-provider-and-case-insensitive-keys.md); time columns take UTC only.
/// </summary>
public sealed class PostgreSqlModelCustomizer(ModelCustomizerDependencies dependencies) : ModelCustomizer(dependencies)
{
    /// <summary>ICU root locale at strength 2 (secondary): "A" equals "a", accents still differ; nondeterministic so that equal is not byte-equal.</summary>
    public const string CaseInsensitiveCollation = "eduplan_ci";

    public override void Customize(ModelBuilder modelBuilder, DbContext context)
    {
        base.Customize(modelBuilder, context);

        modelBuilder.HasCollation(CaseInsensitiveCollation, locale: "und-u-ks-level2", provider: "icu", deterministic: false);
        modelBuilder.Entity<Plan>().Property(p => p.Code).UseCollation(CaseInsensitiveCollation);
        modelBuilder.Entity<Department>().Property(d => d.Name).UseCollation(CaseInsensitiveCollation);
        modelBuilder.Entity<Department>().Property(d => d.ShortName).UseCollation(CaseInsensitiveCollation);
        modelBuilder.Entity<Indicator>().Property(i => i.Key).UseCollation(CaseInsensitiveCollation);

        // timestamp with time zone holds UTC only, and Npgsql refuses a DateTime of another kind. EduPlan keeps UTC in
        // every time column; a DateTime without a kind (as SQLite reads them back, e.g. during `eduplan copy`) is UTC.
        foreach (var property in modelBuilder.Model.GetEntityTypes().SelectMany(t => t.GetProperties()))
        {
            if (property.ClrType == typeof(DateTime))
            {
                property.SetValueConverter(UtcDateTime);
            }
            else if (property.ClrType == typeof(DateTime?))
            {
                property.SetValueConverter(NullableUtcDateTime);
            }
            else if (property.ClrType == typeof(DateTimeOffset))
            {
                property.SetValueConverter(UtcOffset);
            }
            else if (property.ClrType == typeof(DateTimeOffset?))
            {
                property.SetValueConverter(NullableUtcOffset);
            }
        }
    }

    private static DateTime AsUtc(DateTime value) => value.Kind switch
    {
        DateTimeKind.Utc => value,
        DateTimeKind.Local => value.ToUniversalTime(),
        _ => DateTime.SpecifyKind(value, DateTimeKind.Utc),
    };

    private static readonly ValueConverter<DateTime, DateTime> UtcDateTime = new(v => AsUtc(v), v => v);

    private static readonly ValueConverter<DateTime?, DateTime?> NullableUtcDateTime = new(v => v.HasValue ? AsUtc(v.Value) : v, v => v);

    private static readonly ValueConverter<DateTimeOffset, DateTimeOffset> UtcOffset = new(v => v.ToUniversalTime(), v => v);

    private static readonly ValueConverter<DateTimeOffset?, DateTimeOffset?> NullableUtcOffset = new(v => v.HasValue ? v.Value.ToUniversalTime() : v, v => v);
}
