using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HepBot.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CoveringSessionIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_SessionLogs_PatientId_LocalDate_Covering",
                table: "SessionLogs",
                columns: new[] { "PatientId", "LocalDate", "SessionNumber", "Id", "ExercisesPlanned", "Status", "PainBefore", "PainAfter", "SkipBarrier" });

            migrationBuilder.CreateIndex(
                name: "IX_ExerciseLogs_SessionLogId_Outcome_Pain",
                table: "ExerciseLogs",
                columns: new[] { "SessionLogId", "Outcome", "Pain" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_SessionLogs_PatientId_LocalDate_Covering",
                table: "SessionLogs");

            migrationBuilder.DropIndex(
                name: "IX_ExerciseLogs_SessionLogId_Outcome_Pain",
                table: "ExerciseLogs");
        }
    }
}
