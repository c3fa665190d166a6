using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace EduPlan.Data.Sqlite;

/// <summary>Lets <c>dotnet ef</c> build the model on SQLite so migrations land in this assembly.</summary>
public sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<EduPlanDbContext>
{
    public EduPlanDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<EduPlanDbContext>()
            .UseEduPlanDatabase(new DatabaseSettings(DatabaseProvider.Sqlite, "Data Source=design.db"))
            .Options;
        return new EduPlanDbContext(options);
    }
}
