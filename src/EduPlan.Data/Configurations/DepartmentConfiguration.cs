using EduPlan.Core.Organisation;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EduPlan.Data.Configurations;

/// <summary>Maps <see cref="Department"/> to the Departments table; both names are unique.</summary>
public sealed class DepartmentConfiguration : IEntityTypeConfiguration<Department>
{
    public void Configure(EntityTypeBuilder<Department> builder)
    {
        builder.ToTable("Departments");

        builder.Property(d => d.Name).HasMaxLength(200).IsRequired();
        builder.HasIndex(d => d.Name).IsUnique();
        builder.Property(d => d.ShortName).HasMaxLength(64).IsRequired();
        builder.HasIndex(d => d.ShortName).IsUnique();
        // "MunicipalDepartment" is 19 characters, so 32 rather than 16.
        builder.Property(d => d.Kind).HasConversion<string>().HasMaxLength(32).IsRequired();

        builder.Property(d => d.Version).IsConcurrencyToken();

        // Departments are retired with IsActive, not deleted; a parent with units under it stays.
        builder.HasOne(d => d.Parent)
            .WithMany()
            .HasForeignKey(d => d.ParentId)
            .OnDelete(DeleteBehavior.Restrict);
    }
}
