using EduPlan.Core.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EduPlan.Data.Configurations;

/// <summary>Maps <see cref="SecuritySettings"/>: at most one row (id 1); <see cref="SecuritySettings.Version"/> is the concurrency token.</summary>
public sealed class SecuritySettingsConfiguration : IEntityTypeConfiguration<SecuritySettings>
{
    public void Configure(EntityTypeBuilder<SecuritySettings> builder)
    {
        builder.ToTable("SecuritySettings");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.ChangedByName).HasMaxLength(256).IsRequired();
        builder.Property(s => s.Version).IsConcurrencyToken();
    }
}
