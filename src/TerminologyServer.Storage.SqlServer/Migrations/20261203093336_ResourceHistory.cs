using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TerminologyServer.Storage.SqlServer.Migrations
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
                    Key = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    ResourceType = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    LogicalId = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    VersionId = table.Column<int>(type: "int", nullable: false),
                    LastUpdated = table.Column<long>(type: "bigint", nullable: false),
                    Deleted = table.Column<bool>(type: "bit", nullable: false),
                    Content = table.Column<byte[]>(type: "varbinary(max)", nullable: true)
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
