using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace EduPlan.Data.SqlServer;

/// <summary>Lets <c>dotnet ef</c> build the model on SQL Server so migrations land in this assembly; never connects.</summary>
public sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<EduPlanDbContext>
{
    public EduPlanDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<EduPlanDbContext>()
            .UseEduPlanDatabase(new DatabaseSettings(DatabaseProvider.SqlServer, DatabaseMigrations.DummySqlServerConnectionString))
            .Options;
        return new EduPlanDbContext(options);
    }
}
