using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TerminologyServer.Storage.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class ConceptExtensions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Extensions",
                table: "Concepts",
                type: "nvarchar(max)",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Extensions",
                table: "ConceptDesignations",
                type: "nvarchar(max)",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Extensions",
                table: "Concepts");

            migrationBuilder.DropColumn(
                name: "Extensions",
                table: "ConceptDesignations");
        }
    }
}
