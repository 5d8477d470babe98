using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TerminologyServer.Storage.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class SnomedEditions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "SnomedEditions",
                columns: table => new
                {
                    Key = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Uri = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ModuleId = table.Column<long>(type: "INTEGER", nullable: false),
                    EffectiveTime = table.Column<int>(type: "INTEGER", nullable: false),
                    ContentHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Concepts = table.Column<int>(type: "INTEGER", nullable: false),
                    Descriptions = table.Column<int>(type: "INTEGER", nullable: false),
                    Relationships = table.Column<int>(type: "INTEGER", nullable: false),
                    RefsetMembers = table.Column<int>(type: "INTEGER", nullable: false),
                    ImportedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SnomedEditions", x => x.Key);
                });

            migrationBuilder.CreateTable(
                name: "SnomedFileChunks",
                columns: table => new
                {
                    EditionKey = table.Column<long>(type: "INTEGER", nullable: false),
                    FileNo = table.Column<int>(type: "INTEGER", nullable: false),
                    Seq = table.Column<int>(type: "INTEGER", nullable: false),
                    Path = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    Data = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SnomedFileChunks", x => new { x.EditionKey, x.FileNo, x.Seq });
                    table.ForeignKey(
                        name: "FK_SnomedFileChunks_SnomedEditions_EditionKey",
                        column: x => x.EditionKey,
                        principalTable: "SnomedEditions",
                        principalColumn: "Key",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_SnomedEditions_Uri",
                table: "SnomedEditions",
                column: "Uri",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "SnomedFileChunks");

            migrationBuilder.DropTable(
                name: "SnomedEditions");
        }
    }
}
