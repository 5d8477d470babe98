using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TerminologyServer.Storage.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ResourceHistory : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ResourceHistory",
                columns: table => new
                {
                    Key = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ResourceType = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    LogicalId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    VersionId = table.Column<int>(type: "INTEGER", nullable: false),
                    LastUpdated = table.Column<long>(type: "INTEGER", nullable: false),
                    Deleted = table.Column<bool>(type: "INTEGER", nullable: false),
                    Content = table.Column<byte[]>(type: "BLOB", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ResourceHistory", x => x.Key);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ResourceHistory_LastUpdated",
                table: "ResourceHistory",
                column: "LastUpdated");

            migrationBuilder.CreateIndex(
                name: "IX_ResourceHistory_ResourceType_LogicalId_VersionId",
                table: "ResourceHistory",
                columns: new[] { "ResourceType", "LogicalId", "VersionId" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ResourceHistory");
        }
    }
}
