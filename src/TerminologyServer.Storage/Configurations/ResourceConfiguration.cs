using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TerminologyServer.Storage.Entities;

namespace TerminologyServer.Storage.Configurations;

internal sealed class ResourceConfiguration : IEntityTypeConfiguration<ResourceEntity>
{
    public void Configure(EntityTypeBuilder<ResourceEntity> b)
    {
        b.ToTable("Resources");
        b.HasKey(r => r.Key);
        b.Property(r => r.ResourceType).HasMaxLength(64);
        b.Property(r => r.LogicalId).HasMaxLength(64);
        // Every UPDATE/DELETE of a resource row checks the version it read: two processes cannot both write version N+1.
        b.Property(r => r.VersionId).IsConcurrencyToken();
        b.Property(r => r.Url).HasMaxLength(400);
        b.Property(r => r.Version).HasMaxLength(128);
        b.Property(r => r.Status).HasMaxLength(32);
        b.Property(r => r.Name).HasMaxLength(256);
        b.Property(r => r.Title).HasMaxLength(512);
        b.Property(r => r.Content).HasMaxLength(32);
        b.Property(r => r.ContentHash).HasMaxLength(64);
        b.HasIndex(r => new { r.ResourceType, r.LogicalId }).IsUnique();
        b.HasIndex(r => new { r.ResourceType, r.Url, r.Version });
    }
}

internal sealed class ConceptConfiguration : IEntityTypeConfiguration<ConceptEntity>
{
    public void Configure(EntityTypeBuilder<ConceptEntity> b)
    {
        b.ToTable("Concepts");
        b.HasKey(c => new { c.ResourceKey, c.Ordinal });
        b.Property(c => c.Code).HasMaxLength(256);
        b.HasIndex(c => new { c.ResourceKey, c.Code });
        b.HasOne<ResourceEntity>().WithMany().HasForeignKey(c => c.ResourceKey).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ConceptParentConfiguration : IEntityTypeConfiguration<ConceptParentEntity>
{
    public void Configure(EntityTypeBuilder<ConceptParentEntity> b)
    {
        b.ToTable("ConceptParents");
        b.HasKey(c => new { c.ResourceKey, c.Ordinal, c.Seq });
        b.Property(c => c.ParentCode).HasMaxLength(256);
        b.HasOne<ConceptEntity>().WithMany().HasForeignKey(c => new { c.ResourceKey, c.Ordinal }).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ConceptPropertyConfiguration : IEntityTypeConfiguration<ConceptPropertyEntity>
{
    public void Configure(EntityTypeBuilder<ConceptPropertyEntity> b)
    {
        b.ToTable("ConceptProperties");
        b.HasKey(c => new { c.ResourceKey, c.Ordinal, c.Seq });
        b.Property(c => c.Code).HasMaxLength(128);
        b.HasOne<ConceptEntity>().WithMany().HasForeignKey(c => new { c.ResourceKey, c.Ordinal }).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ConceptDesignationConfiguration : IEntityTypeConfiguration<ConceptDesignationEntity>
{
    public void Configure(EntityTypeBuilder<ConceptDesignationEntity> b)
    {
        b.ToTable("ConceptDesignations");
        b.HasKey(c => new { c.ResourceKey, c.Ordinal, c.Seq });
        b.Property(c => c.Language).HasMaxLength(32);
        b.HasOne<ConceptEntity>().WithMany().HasForeignKey(c => new { c.ResourceKey, c.Ordinal }).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ChangeConfiguration : IEntityTypeConfiguration<ChangeEntity>
{
    public void Configure(EntityTypeBuilder<ChangeEntity> b)
    {
        b.ToTable("Changes");
        b.HasKey(c => c.Seq);
        b.Property(c => c.ResourceType).HasMaxLength(64);
        b.Property(c => c.LogicalId).HasMaxLength(64);
    }
}

internal sealed class ContentSourceConfiguration : IEntityTypeConfiguration<ContentSourceEntity>
{
    public void Configure(EntityTypeBuilder<ContentSourceEntity> b)
    {
        b.ToTable("ContentSources");
        b.HasKey(c => c.Name);
        b.Property(c => c.Name).HasMaxLength(400);
        b.Property(c => c.Hash).HasMaxLength(64);
    }
}

internal sealed class ResourceHistoryConfiguration : IEntityTypeConfiguration<ResourceHistoryEntity>
{
    public void Configure(EntityTypeBuilder<ResourceHistoryEntity> b)
    {
        b.ToTable("ResourceHistory");
        b.HasKey(h => h.Key);
        b.Property(h => h.ResourceType).HasMaxLength(64);
        b.Property(h => h.LogicalId).HasMaxLength(64);
        b.HasIndex(h => new { h.ResourceType, h.LogicalId, h.VersionId }).IsUnique();
        // Unix milliseconds: SQLite cannot order or compare DateTimeOffset, and _history pages by time on every provider.
        b.Property(h => h.LastUpdated).HasConversion(v => v.ToUnixTimeMilliseconds(), v => DateTimeOffset.FromUnixTimeMilliseconds(v));
        b.HasIndex(h => h.LastUpdated);
    }
}
