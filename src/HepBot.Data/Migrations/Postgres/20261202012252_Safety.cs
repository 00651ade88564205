using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HepBot.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Safety : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "UnansweredSafetyQuestion",
                table: "SessionLogs",
                type: "character varying(32)",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "EmergencyNumber",
                table: "Clinics",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Findings",
                table: "Alerts",
                type: "character varying(400)",
                maxLength: 400,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "PainScore",
                table: "Alerts",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PatientWords",
                table: "Alerts",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Tier",
                table: "Alerts",
                type: "character varying(32)",
                maxLength: 32,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "UnansweredSafetyQuestion",
                table: "SessionLogs");

            migrationBuilder.DropColumn(
                name: "EmergencyNumber",
                table: "Clinics");

            migrationBuilder.DropColumn(
                name: "Findings",
                table: "Alerts");

            migrationBuilder.DropColumn(
                name: "PainScore",
                table: "Alerts");

            migrationBuilder.DropColumn(
                name: "PatientWords",
                table: "Alerts");

            migrationBuilder.DropColumn(
                name: "Tier",
                table: "Alerts");
        }
    }
}
