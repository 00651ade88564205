using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HepBot.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class RtmAdmin : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "DeactivatedAt",
                table: "Therapists",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "TreatmentMinutes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PatientId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TherapistId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Minutes = table.Column<int>(type: "INTEGER", nullable: false),
                    Activity = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    RealTimeInteraction = table.Column<bool>(type: "INTEGER", nullable: false),
                    MessageId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TreatmentMinutes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TreatmentMinutes_PatientMessages_MessageId",
                        column: x => x.MessageId,
                        principalTable: "PatientMessages",
                        principalColumn: "Id");
                    table.ForeignKey(
                        name: "FK_TreatmentMinutes_Patients_PatientId",
                        column: x => x.PatientId,
                        principalTable: "Patients",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_TreatmentMinutes_Therapists_TherapistId",
                        column: x => x.TherapistId,
                        principalTable: "Therapists",
                        principalColumn: "Id");
                });

            migrationBuilder.CreateIndex(
                name: "IX_TreatmentMinutes_MessageId",
                table: "TreatmentMinutes",
                column: "MessageId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_TreatmentMinutes_PatientId_Date",
                table: "TreatmentMinutes",
                columns: new[] { "PatientId", "Date" });

            migrationBuilder.CreateIndex(
                name: "IX_TreatmentMinutes_TherapistId",
                table: "TreatmentMinutes",
                column: "TherapistId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "TreatmentMinutes");

            migrationBuilder.DropColumn(
                name: "DeactivatedAt",
                table: "Therapists");
        }
    }
}
