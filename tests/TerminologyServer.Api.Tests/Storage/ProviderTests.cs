using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using TerminologyServer.Api.Tests.Infrastructure;
using TerminologyServer.Storage;

namespace TerminologyServer.Api.Tests.Storage;

public sealed class ProviderTests
{
    [Fact]
    public void GivenUnknownProvider_WhenServerStarts_ThenStartupStopsWithAClearMessage()
    {
        var settings = TestDatabases.SqliteSettings(Path.Combine(Path.GetTempPath(), "never-created"));
        settings["Storage:Provider"] = "Oracle";
        using var factory = new ApiFactory(settings);

        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        var message = error is InvalidOperationException ? error.Message : error.InnerException?.Message ?? error.Message;
        Assert.Contains("Unknown Storage:Provider 'Oracle'", message);
        Assert.Contains("Sqlite, PostgreSql, SqlServer", message);
    }

    [Fact]
    public void GivenSqlServerProvider_WhenMigrationScriptGenerated_ThenItCreatesEveryTable()
    {
        var builder = new DbContextOptionsBuilder<TerminologyDbContext>();
        StorageSetup.Configure(builder, new StorageOptions { Provider = "SqlServer", ConnectionString = "Server=localhost;Database=x;User Id=sa;Password=x;TrustServerCertificate=True" }, ".");
        using var db = new TerminologyDbContext(builder.Options);

        var script = db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);

        Assert.Contains("CREATE TABLE [Resources]", script);
        Assert.Contains("CREATE TABLE [Concepts]", script);
        Assert.Contains("CREATE TABLE [ConceptParents]", script);
        Assert.Contains("CREATE TABLE [ConceptProperties]", script);
        Assert.Contains("CREATE TABLE [ConceptDesignations]", script);
        Assert.Contains("CREATE TABLE [Changes]", script);
        Assert.Contains("nvarchar(max)", script);
        Assert.Contains(db.Database.GetMigrations(), m => m.EndsWith("_Initial", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("PostgreSql")]
    [InlineData("SqlServer")]
    public void GivenEachProvider_WhenModelComparedWithMigrations_ThenNoChangeIsPending(string provider)
    {
        var builder = new DbContextOptionsBuilder<TerminologyDbContext>();
        StorageSetup.Configure(builder, new StorageOptions { Provider = provider, ConnectionString = "Data Source=x;Host=x;Server=x" }, Path.GetTempPath());
        using var db = new TerminologyDbContext(builder.Options);

        Assert.False(db.Database.HasPendingModelChanges(), $"The {provider} migrations are behind the model: run dotnet ef migrations add.");
    }
}
