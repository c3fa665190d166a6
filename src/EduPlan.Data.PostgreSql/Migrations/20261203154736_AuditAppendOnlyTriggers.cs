using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EduPlan.Data.PostgreSql.Migrations
{
    /// <summary>Makes AuditEntries append-only in the database itself, in PL/pgSQL (the same rules as the SQLite and SQL Server triggers).</summary>
    public partial class AuditAppendOnlyTriggers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // No update ever; no delete of an entry younger than 180 days (older ones may be archived and purged by the
            // operator); no TRUNCATE, which skips row triggers. The body is $body$-quoted because the idempotent script
            // wraps each migration in DO $EF$ … $EF$. EXECUTE PROCEDURE rather than EXECUTE FUNCTION: both work on
            // PostgreSQL 11+, and the older spelling is also the one PostgreSQL's derivatives accept.
            migrationBuilder.Sql("""
                CREATE FUNCTION "AuditEntries_AppendOnly"() RETURNS trigger LANGUAGE plpgsql AS $body$
                BEGIN
                    IF TG_OP = 'UPDATE' THEN
                        RAISE EXCEPTION 'AuditEntries is append-only' USING ERRCODE = 'check_violation';
                    ELSIF TG_OP = 'TRUNCATE' THEN
                        RAISE EXCEPTION 'AuditEntries is append-only: TRUNCATE is refused' USING ERRCODE = 'check_violation';
                    ELSIF OLD."OccurredAt" > now() - interval '180 days' THEN
                        RAISE EXCEPTION 'AuditEntries are kept for 180 days' USING ERRCODE = 'check_violation';
                    END IF;
                    RETURN OLD;
                END
                $body$;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "AuditEntries_AppendOnly" BEFORE UPDATE OR DELETE ON "AuditEntries"
                    FOR EACH ROW EXECUTE PROCEDURE "AuditEntries_AppendOnly"();
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "AuditEntries_NoTruncate" BEFORE TRUNCATE ON "AuditEntries"
                    FOR EACH STATEMENT EXECUTE PROCEDURE "AuditEntries_AppendOnly"();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP TRIGGER IF EXISTS "AuditEntries_NoTruncate" ON "AuditEntries";""");
            migrationBuilder.Sql("""DROP TRIGGER IF EXISTS "AuditEntries_AppendOnly" ON "AuditEntries";""");
            migrationBuilder.Sql("""DROP FUNCTION IF EXISTS "AuditEntries_AppendOnly"();""");
        }
    }
}
