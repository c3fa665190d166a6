using System.Text.Json;
using EduPlan.Application.Security;
using EduPlan.Web.Tests.Reporting.MyTasks;

namespace EduPlan.Web.Tests.Dashboard;

/// <summary>With the lights cached, an audited change (here a coordinator's due date on 进度计划) shows at once.</summary>
public sealed class DashboardCacheTests : IAsyncLifetime
{
    private readonly EduPlanWebFactory app = new() { Settings = { ["Lights:CacheMinutes"] = "10" } };

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task A_change_made_through_the_pages_is_seen_by_the_next_request_and_unchanged_data_is_served_from_memory()
    {
        var coordinator = await Ownership.OwnershipTestKit.SignedInAsync(app, "cache-coordinator", [Roles.Coordinator], null);
        async Task<string> DueDateAsync()
        {
            using var json = JsonDocument.Parse(await coordinator.GetStringAsync("/api/v1/plans/chongqing/dashboard?quarter=2026Q2"));
            return json.RootElement.GetProperty("tasks").EnumerateArray().Single(t => t.GetProperty("number").GetInt32() == 9).GetProperty("dueDate").GetString()!;
        }

        (await DueDateAsync()).Should().Be("2035-12-31");
        app.Commands.Reset();
        (await DueDateAsync()).Should().Be("2035-12-31");
        var cachedQueries = app.Commands.Count;

        var saved = await coordinator.PostFormAsync("/progress/chongqing/tasks/9", "/progress/chongqing/tasks/9", new Dictionary<string, string>
        {
            ["DueDate"] = "2027-12-31",
            ["Weight"] = "1",
            ["Curve"] = "",
            ["Version"] = "0",
        });

        saved.StatusCode.Should().Be(System.Net.HttpStatusCode.Redirect, await saved.Content.ReadAsStringAsync());
        (await DueDateAsync()).Should().Be("2027-12-31");
        cachedQueries.Should().BeLessThanOrEqualTo(3, "a cached answer costs the session check and the stamp only");
    }
}
