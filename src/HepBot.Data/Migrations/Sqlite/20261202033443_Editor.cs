using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HepBot.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Editor : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ProgramTemplates",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ClinicId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    CreatedById = table.Column<Guid>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    SessionsPerDay = table.Column<int>(type: "INTEGER", nullable: false),
                    Days = table.Column<int>(type: "INTEGER", maxLength: 32, nullable: false),
                    Notes = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProgramTemplates", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ProgramTemplates_Clinics_ClinicId",
                        column: x => x.ClinicId,
                        principalTable: "Clinics",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ProgramTemplateItems",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TemplateId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Order = table.Column<int>(type: "INTEGER", nullable: false),
                    ExerciseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Notes = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    MaxSets = table.Column<int>(type: "INTEGER", nullable: true),
                    MaxReps = table.Column<int>(type: "INTEGER", nullable: true),
                    Dose_HoldSeconds = table.Column<int>(type: "INTEGER", nullable: true),
                    Dose_Reps = table.Column<int>(type: "INTEGER", nullable: true),
                    Dose_RestSeconds = table.Column<int>(type: "INTEGER", nullable: false),
                    Dose_Sets = table.Column<int>(type: "INTEGER", nullable: false),
                    Dose_Side = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProgramTemplateItems", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ProgramTemplateItems_Exercises_ExerciseId",
                        column: x => x.ExerciseId,
                        principalTable: "Exercises",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ProgramTemplateItems_ProgramTemplates_TemplateId",
                        column: x => x.TemplateId,
                        principalTable: "ProgramTemplates",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ProgramTemplateItems_ExerciseId",
                table: "ProgramTemplateItems",
                column: "ExerciseId");

            migrationBuilder.CreateIndex(
                name: "IX_ProgramTemplateItems_TemplateId_Order",
                table: "ProgramTemplateItems",
                columns: new[] { "TemplateId", "Order" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ProgramTemplates_ClinicId_Name",
                table: "ProgramTemplates",
                columns: new[] { "ClinicId", "Name" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ProgramTemplateItems");

            migrationBuilder.DropTable(
                name: "ProgramTemplates");
        }
    }
}
