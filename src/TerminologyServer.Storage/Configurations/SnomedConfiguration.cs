using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TerminologyServer.Storage.Entities;

namespace TerminologyServer.Storage.Configurations;

internal sealed class SnomedEditionConfiguration : IEntityTypeConfiguration<SnomedEditionEntity>
{
    public void Configure(EntityTypeBuilder<SnomedEditionEntity> b)
    {
        b.ToTable("SnomedEditions");
        b.HasKey(e => e.Key);
        b.Property(e => e.Uri).HasMaxLength(200);
        b.Property(e => e.ContentHash).HasMaxLength(64);
        b.HasIndex(e => e.Uri).IsUnique();
    }
}

internal sealed class SnomedFileChunkConfiguration : IEntityTypeConfiguration<SnomedFileChunkEntity>
{
    public void Configure(EntityTypeBuilder<SnomedFileChunkEntity> b)
    {
        b.ToTable("SnomedFileChunks");
        b.HasKey(c => new { c.EditionKey, c.FileNo, c.Seq });
        b.Property(c => c.Path).HasMaxLength(400);
        b.HasOne<SnomedEditionEntity>().WithMany().HasForeignKey(c => c.EditionKey).OnDelete(DeleteBehavior.Cascade);
    }
}
