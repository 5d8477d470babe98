using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace TerminologyServer.Storage.PostgreSql;

/// <summary>Lets <c>dotnet ef</c> build the context for this provider's migrations (never used at run time).</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<TerminologyDbContext>
{
    public TerminologyDbContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<TerminologyDbContext>();
        StorageSetup.Configure(builder, new StorageOptions { Provider = "PostgreSql", ConnectionString = "Host=localhost;Database=design;Username=design;Password=design" }, Directory.GetCurrentDirectory());
        return new TerminologyDbContext(builder.Options);
    }
}
