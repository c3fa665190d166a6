using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EduPlan.Data.SqlServer.Migrations
{
    /// <summary>Makes report history append-only in the database itself: revisions never change, an approved report changes only by reopening.</summary>
    public partial class RevisionsAppendOnly : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Report history, like the audit log, only grows: a revision is never changed or deleted, and an approved report
            // is never deleted and changes only by being reopened (state to Returned, its content as approved). AFTER triggers,
            // since a table with a cascading foreign key (ReportRevisions → ProgressReports) cannot have INSTEAD OF ones; THROW
            // rolls the statement back. CREATE TRIGGER must start its own batch; EXEC gives it one in the idempotent script.
            migrationBuilder.Sql("""
                EXEC(N'CREATE TRIGGER [ReportRevisions_AppendOnly] ON [ReportRevisions] AFTER UPDATE, DELETE AS
                BEGIN
                    SET NOCOUNT ON;
                    IF EXISTS (SELECT 1 FROM deleted)
                        THROW 50003, N''ReportRevisions is append-only'', 1;
                END')
                """);
            migrationBuilder.Sql("""
                EXEC(N'CREATE TRIGGER [ProgressReports_ApprovedOnlyReopened] ON [ProgressReports] AFTER UPDATE, DELETE AS
                BEGIN
                    SET NOCOUNT ON;
                    IF EXISTS (
                        SELECT 1 FROM deleted d LEFT JOIN inserted i ON i.[Id] = d.[Id]
                        WHERE d.[State] = N''Approved''
                            AND (i.[Id] IS NULL OR i.[State] <> N''Returned''
                                OR EXISTS (SELECT d.[TaskId], d.[DepartmentId], d.[Year], d.[QuarterNumber], d.[Status], d.[Percent], d.[Progress], d.[Problems], d.[NextSteps], d.[PercentDropExplanation], d.[CreatedAt], d.[SubmittedAt] EXCEPT SELECT i.[TaskId], i.[DepartmentId], i.[Year], i.[QuarterNumber], i.[Status], i.[Percent], i.[Progress], i.[Problems], i.[NextSteps], i.[PercentDropExplanation], i.[CreatedAt], i.[SubmittedAt])))
                        THROW 50004, N''An approved report changes only by reopening'', 1;
                END')
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS [ProgressReports_ApprovedOnlyReopened];");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS [ReportRevisions_AppendOnly];");
        }
    }
}
