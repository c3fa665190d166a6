using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EduPlan.Data.Sqlite.Migrations
{
    /// <summary>Makes report history append-only in the database itself: revisions never change, an approved report changes only by reopening.</summary>
    public partial class RevisionsAppendOnly : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Report history, like the audit log, only grows: a revision is never changed or deleted, and an approved report
            // is never deleted and changes only by being reopened (state to Returned, its content as approved; the reopening
            // is a new revision). The DbContext refuses the same (ReportHistoryInterceptor).
            migrationBuilder.Sql("CREATE TRIGGER ReportRevisions_NoUpdate BEFORE UPDATE ON ReportRevisions BEGIN SELECT RAISE(ABORT, 'ReportRevisions is append-only'); END;");
            migrationBuilder.Sql("CREATE TRIGGER ReportRevisions_NoDelete BEFORE DELETE ON ReportRevisions BEGIN SELECT RAISE(ABORT, 'ReportRevisions is append-only'); END;");
            migrationBuilder.Sql("CREATE TRIGGER ProgressReports_ApprovedNoDelete BEFORE DELETE ON ProgressReports WHEN OLD.State = 'Approved' BEGIN SELECT RAISE(ABORT, 'An approved report is never deleted'); END;");
            migrationBuilder.Sql("CREATE TRIGGER ProgressReports_ApprovedOnlyReopened BEFORE UPDATE ON ProgressReports WHEN OLD.State = 'Approved' AND (NEW.State <> 'Returned' OR NEW.TaskId IS NOT OLD.TaskId OR NEW.DepartmentId IS NOT OLD.DepartmentId OR NEW.Year IS NOT OLD.Year OR NEW.QuarterNumber IS NOT OLD.QuarterNumber OR NEW.Status IS NOT OLD.Status OR NEW.Percent IS NOT OLD.Percent OR NEW.Progress IS NOT OLD.Progress OR NEW.Problems IS NOT OLD.Problems OR NEW.NextSteps IS NOT OLD.NextSteps OR NEW.PercentDropExplanation IS NOT OLD.PercentDropExplanation OR NEW.CreatedAt IS NOT OLD.CreatedAt OR NEW.SubmittedAt IS NOT OLD.SubmittedAt) BEGIN SELECT RAISE(ABORT, 'An approved report changes only by reopening'); END;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS ProgressReports_ApprovedOnlyReopened;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS ProgressReports_ApprovedNoDelete;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS ReportRevisions_NoDelete;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS ReportRevisions_NoUpdate;");
        }
    }
}
