using EduPlan.Core.Organisation;
using EduPlan.Data.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EduPlan.Data.Configurations;

/// <summary>Adds EduPlan's columns to Identity's AspNetUsers table.</summary>
public sealed class ApplicationUserConfiguration : IEntityTypeConfiguration<ApplicationUser>
{
    public const int DisplayNameMaxLength = 64;

    public void Configure(EntityTypeBuilder<ApplicationUser> builder)
    {
        builder.Property(u => u.DisplayName).HasMaxLength(DisplayNameMaxLength).IsRequired();

        // A department that still has users cannot be deleted; retire it with IsActive instead.
        builder.HasOne<Department>()
            .WithMany()
            .HasForeignKey(u => u.DepartmentId)
            .OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(u => u.DepartmentId);
    }
}
