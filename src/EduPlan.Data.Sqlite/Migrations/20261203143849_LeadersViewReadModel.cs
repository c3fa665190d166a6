using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EduPlan.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class LeadersViewReadModel : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "IndicatorBaselines",
                columns: table => new
                {
                    IndicatorId = table.Column<int>(type: "INTEGER", nullable: false),
                    Value = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    ChangedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ChangedByName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IndicatorBaselines", x => x.IndicatorId);
                    table.ForeignKey(
                        name: "FK_IndicatorBaselines_Indicators_IndicatorId",
                        column: x => x.IndicatorId,
                        principalTable: "Indicators",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "IndicatorQuarterValues",
                columns: table => new
                {
                    IndicatorId = table.Column<int>(type: "INTEGER", nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    QuarterNumber = table.Column<int>(type: "INTEGER", nullable: false),
                    Approved_DepartmentId = table.Column<int>(type: "INTEGER", nullable: true),
                    Approved_QuarterNumber = table.Column<int>(type: "INTEGER", nullable: true),
                    Approved_ReportId = table.Column<int>(type: "INTEGER", nullable: true),
                    Approved_Value = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: true),
                    Approved_Year = table.Column<int>(type: "INTEGER", nullable: true),
                    Submitted_DepartmentId = table.Column<int>(type: "INTEGER", nullable: true),
                    Submitted_QuarterNumber = table.Column<int>(type: "INTEGER", nullable: true),
                    Submitted_ReportId = table.Column<int>(type: "INTEGER", nullable: true),
                    Submitted_Value = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: true),
                    Submitted_Year = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IndicatorQuarterValues", x => new { x.IndicatorId, x.Year, x.QuarterNumber });
                    table.ForeignKey(
                        name: "FK_IndicatorQuarterValues_Indicators_IndicatorId",
                        column: x => x.IndicatorId,
                        principalTable: "Indicators",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ReportSubmissions",
                columns: table => new
                {
                    ReportId = table.Column<int>(type: "INTEGER", nullable: false),
                    TaskId = table.Column<int>(type: "INTEGER", nullable: false),
                    DepartmentId = table.Column<int>(type: "INTEGER", nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    QuarterNumber = table.Column<int>(type: "INTEGER", nullable: false),
                    FirstSubmittedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReportSubmissions", x => x.ReportId);
                    table.ForeignKey(
                        name: "FK_ReportSubmissions_ProgressReports_ReportId",
                        column: x => x.ReportId,
                        principalTable: "ProgressReports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "TaskQuarterProgress",
                columns: table => new
                {
                    TaskId = table.Column<int>(type: "INTEGER", nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    QuarterNumber = table.Column<int>(type: "INTEGER", nullable: false),
                    ReportedThisQuarter = table.Column<bool>(type: "INTEGER", nullable: false),
                    Approved_HasEvidence = table.Column<bool>(type: "INTEGER", nullable: false),
                    Approved_Percent = table.Column<int>(type: "INTEGER", nullable: true),
                    Approved_QuarterNumber = table.Column<int>(type: "INTEGER", nullable: true),
                    Approved_ReportId = table.Column<int>(type: "INTEGER", nullable: true),
                    Approved_Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    Approved_Year = table.Column<int>(type: "INTEGER", nullable: true),
                    Submitted_HasEvidence = table.Column<bool>(type: "INTEGER", nullable: false),
                    Submitted_Percent = table.Column<int>(type: "INTEGER", nullable: true),
                    Submitted_QuarterNumber = table.Column<int>(type: "INTEGER", nullable: true),
                    Submitted_ReportId = table.Column<int>(type: "INTEGER", nullable: true),
                    Submitted_Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    Submitted_Year = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TaskQuarterProgress", x => new { x.TaskId, x.Year, x.QuarterNumber });
                    table.ForeignKey(
                        name: "FK_TaskQuarterProgress_Tasks_TaskId",
                        column: x => x.TaskId,
                        principalTable: "Tasks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "TaskSchedules",
                columns: table => new
                {
                    TaskId = table.Column<int>(type: "INTEGER", nullable: false),
                    StartDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    DueDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Weight = table.Column<decimal>(type: "TEXT", precision: 9, scale: 2, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    ChangedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ChangedByName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TaskSchedules", x => x.TaskId);
                    table.ForeignKey(
                        name: "FK_TaskSchedules_Tasks_TaskId",
                        column: x => x.TaskId,
                        principalTable: "Tasks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "TaskCurvePoints",
                columns: table => new
                {
                    TaskId = table.Column<int>(type: "INTEGER", nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    QuarterNumber = table.Column<int>(type: "INTEGER", nullable: false),
                    PlannedPercent = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TaskCurvePoints", x => new { x.TaskId, x.Year, x.QuarterNumber });
                    table.ForeignKey(
                        name: "FK_TaskCurvePoints_TaskSchedules_TaskId",
                        column: x => x.TaskId,
                        principalTable: "TaskSchedules",
                        principalColumn: "TaskId",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_IndicatorQuarterValues_Year_QuarterNumber",
                table: "IndicatorQuarterValues",
                columns: new[] { "Year", "QuarterNumber" });

            migrationBuilder.CreateIndex(
                name: "IX_ReportSubmissions_TaskId",
                table: "ReportSubmissions",
                column: "TaskId");

            migrationBuilder.CreateIndex(
                name: "IX_ReportSubmissions_Year_QuarterNumber",
                table: "ReportSubmissions",
                columns: new[] { "Year", "QuarterNumber" });

            migrationBuilder.CreateIndex(
                name: "IX_TaskQuarterProgress_Year_QuarterNumber",
                table: "TaskQuarterProgress",
                columns: new[] { "Year", "QuarterNumber" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "IndicatorBaselines");

            migrationBuilder.DropTable(
                name: "IndicatorQuarterValues");

            migrationBuilder.DropTable(
                name: "ReportSubmissions");

            migrationBuilder.DropTable(
                name: "TaskCurvePoints");

            migrationBuilder.DropTable(
                name: "TaskQuarterProgress");

            migrationBuilder.DropTable(
                name: "TaskSchedules");
        }
    }
}
