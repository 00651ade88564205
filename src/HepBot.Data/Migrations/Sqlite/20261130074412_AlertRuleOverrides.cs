using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HepBot.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AlertRuleOverrides : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<double>(
                name: "AlertRuleOverrides_LowAdherenceBelow",
                table: "Patients",
                type: "REAL",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "AlertRuleOverrides_MissedDaysInARow",
                table: "Patients",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "AlertRuleOverrides_NoContactDays",
                table: "Patients",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "AlertRuleOverrides_PainRiseOf",
                table: "Patients",
                type: "REAL",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "AlertRuleOverrides_LowAdherenceBelow",
                table: "Patients");

            migrationBuilder.DropColumn(
                name: "AlertRuleOverrides_MissedDaysInARow",
                table: "Patients");

            migrationBuilder.DropColumn(
                name: "AlertRuleOverrides_NoContactDays",
                table: "Patients");

            migrationBuilder.DropColumn(
                name: "AlertRuleOverrides_PainRiseOf",
                table: "Patients");
        }
    }
}
