using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HepBot.Data.Migrations.SqlServer
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
                type: "float",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "AlertRuleOverrides_MissedDaysInARow",
                table: "Patients",
                type: "int",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "AlertRuleOverrides_NoContactDays",
                table: "Patients",
                type: "int",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "AlertRuleOverrides_PainRiseOf",
                table: "Patients",
                type: "float",
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
