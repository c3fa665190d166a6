using EduPlan.Data.Secrets;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EduPlan.Data.Configurations;

/// <summary>Maps <see cref="AppSecret"/> to the AppSecrets table, one row per key, named.</summary>
public sealed class AppSecretConfiguration : IEntityTypeConfiguration<AppSecret>
{
    public void Configure(EntityTypeBuilder<AppSecret> builder)
    {
        builder.ToTable("AppSecrets");
        builder.HasKey(s => s.Name);
        builder.Property(s => s.Name).HasMaxLength(AppSecret.MaxNameLength);
        builder.Property(s => s.ProtectedValue).HasMaxLength(4000).IsRequired();
    }
}
