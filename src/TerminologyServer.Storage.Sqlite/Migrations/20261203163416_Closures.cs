using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TerminologyServer.Storage.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Closures : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Closures",
                columns: table => new
                {
                    Key = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Closures", x => x.Key);
                });

            migrationBuilder.CreateTable(
                name: "ClosureConcepts",
                columns: table => new
                {
                    ClosureKey = table.Column<long>(type: "INTEGER", nullable: false),
                    Seq = table.Column<int>(type: "INTEGER", nullable: false),
                    System = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    SystemVersion = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    AddedIn = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ClosureConcepts", x => new { x.ClosureKey, x.Seq });
                    table.ForeignKey(
                        name: "FK_ClosureConcepts_Closures_ClosureKey",
                        column: x => x.ClosureKey,
                        principalTable: "Closures",
                        principalColumn: "Key",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ClosureEntries",
                columns: table => new
                {
                    ClosureKey = table.Column<long>(type: "INTEGER", nullable: false),
                    Seq = table.Column<int>(type: "INTEGER", nullable: false),
                    System = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    TargetCode = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Equivalence = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    AddedIn = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ClosureEntries", x => new { x.ClosureKey, x.Seq });
                    table.ForeignKey(
                        name: "FK_ClosureEntries_Closures_ClosureKey",
                        column: x => x.ClosureKey,
                        principalTable: "Closures",
                        principalColumn: "Key",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ClosureEntries_ClosureKey_AddedIn",
                table: "ClosureEntries",
                columns: new[] { "ClosureKey", "AddedIn" });

            migrationBuilder.CreateIndex(
                name: "IX_Closures_Name",
                table: "Closures",
                column: "Name",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ClosureConcepts");

            migrationBuilder.DropTable(
                name: "ClosureEntries");

            migrationBuilder.DropTable(
                name: "Closures");
        }
    }
}
