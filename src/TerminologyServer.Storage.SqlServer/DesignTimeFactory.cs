using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace TerminologyServer.Storage.SqlServer;

/// <summary>Lets <c>dotnet ef</c> build the context for this provider's migrations (never used at run time).</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<TerminologyDbContext>
{
    public TerminologyDbContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<TerminologyDbContext>();
        StorageSetup.Configure(builder, new StorageOptions { Provider = "SqlServer", ConnectionString = "Server=localhost;Database=design;User Id=sa;Password=Design_123;TrustServerCertificate=True" }, Directory.GetCurrentDirectory());
        return new TerminologyDbContext(builder.Options);
    }
}
