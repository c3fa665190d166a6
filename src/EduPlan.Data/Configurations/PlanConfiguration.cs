using EduPlan.Core.Plans;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EduPlan.Data.Configurations;

/// <summary>Maps <see cref="Plan"/> to the Plans table, keyed naturally by its code.</summary>
public sealed class PlanConfiguration : IEntityTypeConfiguration<Plan>
{
    public void Configure(EntityTypeBuilder<Plan> builder)
    {
        builder.ToTable("Plans");

        builder.Property(p => p.Code).HasMaxLength(PlanTextLimits.Code).IsRequired();
        builder.HasIndex(p => p.Code).IsUnique();

        builder.Property(p => p.Title).HasMaxLength(PlanTextLimits.Title).IsRequired();
        builder.Property(p => p.Issuer).HasMaxLength(PlanTextLimits.Issuer).IsRequired();
        builder.Property(p => p.IssuedOn).HasMaxLength(16);
        builder.Property(p => p.Preamble).IsRequired();
        // Hex SHA-256 is exactly 64 characters.
        builder.Property(p => p.ContentHash).HasMaxLength(64).IsRequired();
        builder.Property(p => p.SourceName).HasMaxLength(260).IsRequired();

        // A child plan (Chongqing) must survive an attempt to delete its parent (national).
        builder.HasOne(p => p.Parent)
            .WithMany(p => p.Children)
            .HasForeignKey(p => p.ParentId)
            .OnDelete(DeleteBehavior.Restrict);
    }
}
