using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EduPlan.Data.SqlServer.Migrations
{
    /// <summary>Makes AuditEntries append-only in the database itself; a migration of its own, after the table rebuilds of UsersOwnershipAudit.</summary>
    public partial class AuditAppendOnlyTriggers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Append-only audit log, enforced by the database too: no update ever, and no delete of an entry
            // younger than 180 days (older ones may be archived and purged by the operator).
            // CREATE TRIGGER must start its own batch; EXEC gives it one inside the idempotent script's IF block.
            migrationBuilder.Sql("""
                EXEC(N'CREATE TRIGGER [AuditEntries_AppendOnly] ON [AuditEntries] INSTEAD OF UPDATE, DELETE AS
                BEGIN
                    SET NOCOUNT ON;
                    IF EXISTS (SELECT 1 FROM inserted)
                        THROW 50001, N''AuditEntries is append-only'', 1;
                    IF EXISTS (SELECT 1 FROM deleted WHERE [OccurredAt] > DATEADD(day, -180, SYSUTCDATETIME()))
                        THROW 50002, N''AuditEntries are kept for 180 days'', 1;
                    DELETE FROM [AuditEntries] WHERE [Id] IN (SELECT [Id] FROM deleted);
                END')
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS [AuditEntries_AppendOnly];");
        }
    }
}
