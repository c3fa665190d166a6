using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EduPlan.Data.Sqlite.Migrations
{
    /// <summary>Makes AuditEntries append-only in the database itself; a migration of its own, after the table rebuilds of UsersOwnershipAudit.</summary>
    public partial class AuditAppendOnlyTriggers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Append-only audit log, enforced by the database too: no update ever, and no delete of an entry
            // younger than 180 days (older ones may be archived and purged by the operator).
            migrationBuilder.Sql("CREATE TRIGGER AuditEntries_NoUpdate BEFORE UPDATE ON AuditEntries BEGIN SELECT RAISE(ABORT, 'AuditEntries is append-only'); END;");
            migrationBuilder.Sql("CREATE TRIGGER AuditEntries_KeepFor180Days BEFORE DELETE ON AuditEntries WHEN OLD.OccurredAt > strftime('%Y-%m-%d %H:%M:%f', 'now', '-180 days') BEGIN SELECT RAISE(ABORT, 'AuditEntries are kept for 180 days'); END;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS AuditEntries_NoUpdate;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS AuditEntries_KeepFor180Days;");
        }
    }
}
