using Microsoft.EntityFrameworkCore;
using TerminologyServer.Storage.Entities;

namespace TerminologyServer.Storage;

/// <summary>The one DbContext of the server; the provider (and its migrations assembly) is chosen in <see cref="StorageSetup"/>.</summary>
public class TerminologyDbContext(DbContextOptions<TerminologyDbContext> options) : DbContext(options)
{
    public DbSet<ResourceEntity> Resources => Set<ResourceEntity>();
    public DbSet<ConceptEntity> Concepts => Set<ConceptEntity>();
    public DbSet<ConceptParentEntity> ConceptParents => Set<ConceptParentEntity>();
    public DbSet<ConceptPropertyEntity> ConceptProperties => Set<ConceptPropertyEntity>();
    public DbSet<ConceptDesignationEntity> ConceptDesignations => Set<ConceptDesignationEntity>();
    public DbSet<ChangeEntity> Changes => Set<ChangeEntity>();
    public DbSet<ContentSourceEntity> ContentSources => Set<ContentSourceEntity>();
    public DbSet<ResourceHistoryEntity> ResourceHistory => Set<ResourceHistoryEntity>();
    public DbSet<SnomedEditionEntity> SnomedEditions => Set<SnomedEditionEntity>();
    public DbSet<SnomedFileChunkEntity> SnomedFileChunks => Set<SnomedFileChunkEntity>();
    public DbSet<ClosureEntity> Closures => Set<ClosureEntity>();
    public DbSet<ClosureConceptEntity> ClosureConcepts => Set<ClosureConceptEntity>();
    public DbSet<ClosureEntryEntity> ClosureEntries => Set<ClosureEntryEntity>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(TerminologyDbContext).Assembly);
}
