using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TerminologyServer.Storage.SqlServer.Migrations
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
                    Key = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    Uri = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    ModuleId = table.Column<long>(type: "bigint", nullable: false),
                    EffectiveTime = table.Column<int>(type: "int", nullable: false),
                    ContentHash = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Concepts = table.Column<int>(type: "int", nullable: false),
                    Descriptions = table.Column<int>(type: "int", nullable: false),
                    Relationships = table.Column<int>(type: "int", nullable: false),
                    RefsetMembers = table.Column<int>(type: "int", nullable: false),
                    ImportedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SnomedEditions", x => x.Key);
                });

            migrationBuilder.CreateTable(
                name: "SnomedFileChunks",
                columns: table => new
                {
                    EditionKey = table.Column<long>(type: "bigint", nullable: false),
                    FileNo = table.Column<int>(type: "int", nullable: false),
                    Seq = table.Column<int>(type: "int", nullable: false),
                    Path = table.Column<string>(type: "nvarchar(400)", maxLength: 400, nullable: false),
                    Data = table.Column<byte[]>(type: "varbinary(max)", nullable: false)
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
