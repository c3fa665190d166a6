using System.Net;
using EduPlan.Tests;
using Microsoft.Data.Sqlite;

namespace EduPlan.Web.Tests;

/// <summary>/healthz tells a load balancer whether this instance can reach its database.</summary>
public sealed class HealthTests
{
    [Fact]
    public async Task Health_turns_503_when_the_database_can_no_longer_be_opened_and_names_no_detail()
    {
        await using var factory = new EduPlanWebFactory();
        using var client = factory.CreateBrowser();
        (await client.GetAsync("/healthz")).StatusCode.Should().Be(HttpStatusCode.OK);

        if (TestDatabases.OnPostgres)
        {
            // The database is dropped under the running app (its sessions ended).
            PostgresDatabase.DropNamed(factory.Folder);
        }
        else
        {
            // Put a folder where the database file was: SQLite can no longer open it.
            SqliteConnection.ClearAllPools();
            File.Delete(factory.DatabasePath);
            File.Delete(factory.DatabasePath + "-wal");
            File.Delete(factory.DatabasePath + "-shm");
            Directory.CreateDirectory(factory.DatabasePath);
        }

        var response = await client.GetAsync("/healthz");

        response.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        var body = await response.Content.ReadAsStringAsync();
        body.Should().Be("Unhealthy");
        body.Should().NotContain(factory.DatabasePath);
        body.Should().NotContain("eduplan_k_");
    }
}
