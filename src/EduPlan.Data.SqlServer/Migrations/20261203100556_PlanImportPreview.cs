using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EduPlan.Data.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class PlanImportPreview : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Label",
                table: "Tasks",
                type: "nvarchar(32)",
                maxLength: 32,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "Label",
                table: "Sections",
                type: "nvarchar(32)",
                maxLength: 32,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "Part",
                table: "Sections",
                type: "nvarchar(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "IsDraft",
                table: "Plans",
                type: "bit",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<decimal>(
                name: "Baseline",
                table: "Indicators",
                type: "decimal(18,4)",
                precision: 18,
                scale: 4,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "BaselineYear",
                table: "Indicators",
                type: "int",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "PlanImportDrafts",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    OwnerId = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: false),
                    OwnerName = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    SourceName = table.Column<string>(type: "nvarchar(260)", maxLength: 260, nullable: false),
                    Content = table.Column<byte[]>(type: "varbinary(max)", nullable: false),
                    ContentSha256 = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    CorrectionsJson = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    Version = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PlanImportDrafts", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "PlanImportMemories",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    DocumentTitle = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: false),
                    CorrectionsJson = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    UpdatedByName = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PlanImportMemories", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_PlanImportDrafts_OwnerId",
                table: "PlanImportDrafts",
                column: "OwnerId");

            migrationBuilder.CreateIndex(
                name: "IX_PlanImportMemories_DocumentTitle",
                table: "PlanImportMemories",
                column: "DocumentTitle",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PlanImportDrafts");

            migrationBuilder.DropTable(
                name: "PlanImportMemories");

            migrationBuilder.DropColumn(
                name: "Label",
                table: "Tasks");

            migrationBuilder.DropColumn(
                name: "Label",
                table: "Sections");

            migrationBuilder.DropColumn(
                name: "Part",
                table: "Sections");

            migrationBuilder.DropColumn(
                name: "IsDraft",
                table: "Plans");

            migrationBuilder.DropColumn(
                name: "Baseline",
                table: "Indicators");

            migrationBuilder.DropColumn(
                name: "BaselineYear",
                table: "Indicators");
        }
    }
}
