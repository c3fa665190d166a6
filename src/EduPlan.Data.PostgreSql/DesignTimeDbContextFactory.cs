using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace EduPlan.Data.PostgreSql;

/// <summary>Lets <c>dotnet ef</c> build the model on PostgreSQL so migrations land in this assembly; never connects.</summary>
public sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<EduPlanDbContext>
{
    public EduPlanDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<EduPlanDbContext>()
            .UseEduPlanDatabase(new DatabaseSettings(DatabaseProvider.PostgreSql, DatabaseMigrations.DummyPostgreSqlConnectionString))
            .Options;
        return new EduPlanDbContext(options);
    }
}
