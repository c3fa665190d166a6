using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EduPlan.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class OwnershipEffectDates : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "LeadFromQuarter",
                table: "Tasks",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "FromQuarter",
                table: "TaskCoDepartments",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "PastTaskOwners",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TaskId = table.Column<int>(type: "INTEGER", nullable: false),
                    DepartmentId = table.Column<int>(type: "INTEGER", nullable: false),
                    Part = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    FromQuarter = table.Column<int>(type: "INTEGER", nullable: true),
                    UntilQuarter = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PastTaskOwners", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PastTaskOwners_Departments_DepartmentId",
                        column: x => x.DepartmentId,
                        principalTable: "Departments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PastTaskOwners_Tasks_TaskId",
                        column: x => x.TaskId,
                        principalTable: "Tasks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_PastTaskOwners_DepartmentId",
                table: "PastTaskOwners",
                column: "DepartmentId");

            migrationBuilder.CreateIndex(
                name: "IX_PastTaskOwners_TaskId_UntilQuarter",
                table: "PastTaskOwners",
                columns: new[] { "TaskId", "UntilQuarter" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PastTaskOwners");

            migrationBuilder.DropColumn(
                name: "LeadFromQuarter",
                table: "Tasks");

            migrationBuilder.DropColumn(
                name: "FromQuarter",
                table: "TaskCoDepartments");
        }
    }
}
