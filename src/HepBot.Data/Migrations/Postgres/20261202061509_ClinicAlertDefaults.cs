using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HepBot.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ClinicAlertDefaults : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<double>(
                name: "AlertRuleDefaults_LowAdherenceBelow",
                table: "Clinics",
                type: "double precision",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "AlertRuleDefaults_MissedDaysInARow",
                table: "Clinics",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "AlertRuleDefaults_NoContactDays",
                table: "Clinics",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "AlertRuleDefaults_PainRiseOf",
                table: "Clinics",
                type: "double precision",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "AlertRuleDefaults_LowAdherenceBelow",
                table: "Clinics");

            migrationBuilder.DropColumn(
                name: "AlertRuleDefaults_MissedDaysInARow",
                table: "Clinics");

            migrationBuilder.DropColumn(
                name: "AlertRuleDefaults_NoContactDays",
                table: "Clinics");

            migrationBuilder.DropColumn(
                name: "AlertRuleDefaults_PainRiseOf",
                table: "Clinics");
        }
    }
}
