using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TerminologyServer.Storage.Entities;

namespace TerminologyServer.Storage.Configurations;

internal sealed class ClosureConfiguration : IEntityTypeConfiguration<ClosureEntity>
{
    public void Configure(EntityTypeBuilder<ClosureEntity> b)
    {
        b.ToTable("Closures");
        b.HasKey(c => c.Key);
        b.Property(c => c.Name).HasMaxLength(Engine.Closures.ClosureService.MaxNameLength);
        b.Property(c => c.Version).IsConcurrencyToken();
        b.HasIndex(c => c.Name).IsUnique();
    }
}

internal sealed class ClosureConceptConfiguration : IEntityTypeConfiguration<ClosureConceptEntity>
{
    public void Configure(EntityTypeBuilder<ClosureConceptEntity> b)
    {
        b.ToTable("ClosureConcepts");
        b.HasKey(c => new { c.ClosureKey, c.Seq });
        b.Property(c => c.System).HasMaxLength(400);
        b.Property(c => c.Code).HasMaxLength(256);
        b.Property(c => c.SystemVersion).HasMaxLength(200);
        b.HasOne<ClosureEntity>().WithMany().HasForeignKey(c => c.ClosureKey).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ClosureEntryConfiguration : IEntityTypeConfiguration<ClosureEntryEntity>
{
    public void Configure(EntityTypeBuilder<ClosureEntryEntity> b)
    {
        b.ToTable("ClosureEntries");
        b.HasKey(c => new { c.ClosureKey, c.Seq });
        b.Property(c => c.System).HasMaxLength(400);
        b.Property(c => c.Code).HasMaxLength(256);
        b.Property(c => c.TargetCode).HasMaxLength(256);
        b.Property(c => c.Equivalence).HasMaxLength(16);
        b.HasIndex(c => new { c.ClosureKey, c.AddedIn });
        b.HasOne<ClosureEntity>().WithMany().HasForeignKey(c => c.ClosureKey).OnDelete(DeleteBehavior.Cascade);
    }
}
