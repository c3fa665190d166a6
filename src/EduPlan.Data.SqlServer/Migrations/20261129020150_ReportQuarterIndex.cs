using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EduPlan.Data.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class ReportQuarterIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_ProgressReports_Year_QuarterNumber_State",
                table: "ProgressReports",
                columns: new[] { "Year", "QuarterNumber", "State" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ProgressReports_Year_QuarterNumber_State",
                table: "ProgressReports");
        }
    }
}
