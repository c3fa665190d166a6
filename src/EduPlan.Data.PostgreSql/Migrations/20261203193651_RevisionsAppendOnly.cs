using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EduPlan.Data.PostgreSql.Migrations
{
    /// <summary>Makes report history append-only in the database itself (PL/pgSQL): revisions never change, an approved report changes only by reopening.</summary>
    public partial class RevisionsAppendOnly : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Report history, like the audit log, only grows: a revision is never changed, deleted or truncated, and an
            // approved report is never deleted and changes only by being reopened (state to Returned, its content as approved).
            // Bodies are $body$-quoted because the idempotent script wraps each migration in DO $EF$ … $EF$.
            migrationBuilder.Sql("""
                CREATE FUNCTION "ReportRevisions_AppendOnly"() RETURNS trigger LANGUAGE plpgsql AS $body$
                BEGIN
                    RAISE EXCEPTION 'ReportRevisions is append-only' USING ERRCODE = 'check_violation';
                END
                $body$;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "ReportRevisions_AppendOnly" BEFORE UPDATE OR DELETE ON "ReportRevisions"
                    FOR EACH ROW EXECUTE PROCEDURE "ReportRevisions_AppendOnly"();
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "ReportRevisions_NoTruncate" BEFORE TRUNCATE ON "ReportRevisions"
                    FOR EACH STATEMENT EXECUTE PROCEDURE "ReportRevisions_AppendOnly"();
                """);
            migrationBuilder.Sql("""
                CREATE FUNCTION "ProgressReports_ApprovedOnlyReopened"() RETURNS trigger LANGUAGE plpgsql AS $body$
                BEGIN
                    IF OLD."State" = 'Approved' AND (TG_OP = 'DELETE' OR NEW."State" <> 'Returned'
                        OR (NEW."TaskId", NEW."DepartmentId", NEW."Year", NEW."QuarterNumber", NEW."Status", NEW."Percent", NEW."Progress", NEW."Problems", NEW."NextSteps", NEW."PercentDropExplanation", NEW."CreatedAt", NEW."SubmittedAt") IS DISTINCT FROM (OLD."TaskId", OLD."DepartmentId", OLD."Year", OLD."QuarterNumber", OLD."Status", OLD."Percent", OLD."Progress", OLD."Problems", OLD."NextSteps", OLD."PercentDropExplanation", OLD."CreatedAt", OLD."SubmittedAt")) THEN
                        RAISE EXCEPTION 'An approved report changes only by reopening' USING ERRCODE = 'check_violation';
                    END IF;
                    IF TG_OP = 'DELETE' THEN
                        RETURN OLD;
                    END IF;
                    RETURN NEW;
                END
                $body$;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "ProgressReports_ApprovedOnlyReopened" BEFORE UPDATE OR DELETE ON "ProgressReports"
                    FOR EACH ROW EXECUTE PROCEDURE "ProgressReports_ApprovedOnlyReopened"();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP TRIGGER IF EXISTS "ProgressReports_ApprovedOnlyReopened" ON "ProgressReports";""");
            migrationBuilder.Sql("""DROP FUNCTION IF EXISTS "ProgressReports_ApprovedOnlyReopened"();""");
            migrationBuilder.Sql("""DROP TRIGGER IF EXISTS "ReportRevisions_NoTruncate" ON "ReportRevisions";""");
            migrationBuilder.Sql("""DROP TRIGGER IF EXISTS "ReportRevisions_AppendOnly" ON "ReportRevisions";""");
            migrationBuilder.Sql("""DROP FUNCTION IF EXISTS "ReportRevisions_AppendOnly"();""");
        }
    }
}
