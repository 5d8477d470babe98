using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TerminologyServer.Storage.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Changes",
                columns: table => new
                {
                    Seq = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ResourceType = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    LogicalId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ResourceKey = table.Column<long>(type: "INTEGER", nullable: false),
                    Deleted = table.Column<bool>(type: "INTEGER", nullable: false),
                    At = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Changes", x => x.Seq);
                });

            migrationBuilder.CreateTable(
                name: "ContentSources",
                columns: table => new
                {
                    Name = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    Hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    LoadedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ContentSources", x => x.Name);
                });

            migrationBuilder.CreateTable(
                name: "Resources",
                columns: table => new
                {
                    Key = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ResourceType = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    LogicalId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    VersionId = table.Column<int>(type: "INTEGER", nullable: false),
                    LastUpdated = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    Url = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    Version = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    Title = table.Column<string>(type: "TEXT", maxLength: 512, nullable: true),
                    Content = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    ConceptCount = table.Column<int>(type: "INTEGER", nullable: false),
                    ContentHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Json = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Resources", x => x.Key);
                });

            migrationBuilder.CreateTable(
                name: "Concepts",
                columns: table => new
                {
                    ResourceKey = table.Column<long>(type: "INTEGER", nullable: false),
                    Ordinal = table.Column<int>(type: "INTEGER", nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Display = table.Column<string>(type: "TEXT", nullable: true),
                    Definition = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Concepts", x => new { x.ResourceKey, x.Ordinal });
                    table.ForeignKey(
                        name: "FK_Concepts_Resources_ResourceKey",
                        column: x => x.ResourceKey,
                        principalTable: "Resources",
                        principalColumn: "Key",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ConceptDesignations",
                columns: table => new
                {
                    ResourceKey = table.Column<long>(type: "INTEGER", nullable: false),
                    Ordinal = table.Column<int>(type: "INTEGER", nullable: false),
                    Seq = table.Column<int>(type: "INTEGER", nullable: false),
                    Language = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    UseSystem = table.Column<string>(type: "TEXT", nullable: true),
                    UseCode = table.Column<string>(type: "TEXT", nullable: true),
                    UseDisplay = table.Column<string>(type: "TEXT", nullable: true),
                    Value = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConceptDesignations", x => new { x.ResourceKey, x.Ordinal, x.Seq });
                    table.ForeignKey(
                        name: "FK_ConceptDesignations_Concepts_ResourceKey_Ordinal",
                        columns: x => new { x.ResourceKey, x.Ordinal },
                        principalTable: "Concepts",
                        principalColumns: new[] { "ResourceKey", "Ordinal" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ConceptParents",
                columns: table => new
                {
                    ResourceKey = table.Column<long>(type: "INTEGER", nullable: false),
                    Ordinal = table.Column<int>(type: "INTEGER", nullable: false),
                    Seq = table.Column<int>(type: "INTEGER", nullable: false),
                    ParentCode = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Nested = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConceptParents", x => new { x.ResourceKey, x.Ordinal, x.Seq });
                    table.ForeignKey(
                        name: "FK_ConceptParents_Concepts_ResourceKey_Ordinal",
                        columns: x => new { x.ResourceKey, x.Ordinal },
                        principalTable: "Concepts",
                        principalColumns: new[] { "ResourceKey", "Ordinal" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ConceptProperties",
                columns: table => new
                {
                    ResourceKey = table.Column<long>(type: "INTEGER", nullable: false),
                    Ordinal = table.Column<int>(type: "INTEGER", nullable: false),
                    Seq = table.Column<int>(type: "INTEGER", nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    Type = table.Column<byte>(type: "INTEGER", nullable: false),
                    Value = table.Column<string>(type: "TEXT", nullable: false),
                    System = table.Column<string>(type: "TEXT", nullable: true),
                    Display = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConceptProperties", x => new { x.ResourceKey, x.Ordinal, x.Seq });
                    table.ForeignKey(
                        name: "FK_ConceptProperties_Concepts_ResourceKey_Ordinal",
                        columns: x => new { x.ResourceKey, x.Ordinal },
                        principalTable: "Concepts",
                        principalColumns: new[] { "ResourceKey", "Ordinal" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Concepts_ResourceKey_Code",
                table: "Concepts",
                columns: new[] { "ResourceKey", "Code" });

            migrationBuilder.CreateIndex(
                name: "IX_Resources_ResourceType_LogicalId",
                table: "Resources",
                columns: new[] { "ResourceType", "LogicalId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Resources_ResourceType_Url_Version",
                table: "Resources",
                columns: new[] { "ResourceType", "Url", "Version" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Changes");

            migrationBuilder.DropTable(
                name: "ConceptDesignations");

            migrationBuilder.DropTable(
                name: "ConceptParents");

            migrationBuilder.DropTable(
                name: "ConceptProperties");

            migrationBuilder.DropTable(
                name: "ContentSources");

            migrationBuilder.DropTable(
                name: "Concepts");

            migrationBuilder.DropTable(
                name: "Resources");
        }
    }
}
