using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HepBot.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class TelegramMediaFiles : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "TelegramMediaFiles",
                columns: table => new
                {
                    BotId = table.Column<long>(type: "bigint", nullable: false),
                    ContentKey = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    FileId = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    FileUniqueId = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    UploadedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TelegramMediaFiles", x => new { x.BotId, x.ContentKey });
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "TelegramMediaFiles");
        }
    }
}
