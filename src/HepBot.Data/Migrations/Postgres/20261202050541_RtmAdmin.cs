using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HepBot.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class RtmAdmin : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "DeactivatedAt",
                table: "Therapists",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "TreatmentMinutes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PatientId = table.Column<Guid>(type: "uuid", nullable: false),
                    TherapistId = table.Column<Guid>(type: "uuid", nullable: false),
                    Date = table.Column<DateOnly>(type: "date", nullable: false),
                    Minutes = table.Column<int>(type: "integer", nullable: false),
                    Activity = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    RealTimeInteraction = table.Column<bool>(type: "boolean", nullable: false),
                    MessageId = table.Column<Guid>(type: "uuid", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
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
