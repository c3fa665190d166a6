using System.Net;
using EduPlan.Application.Security;
using Microsoft.EntityFrameworkCore;

namespace EduPlan.Web.Tests.Users;

/// <summary>The user an action acts on comes from the address only: a posted "id" field cannot redirect it to someone else.</summary>
public sealed class RouteIdTests : IDisposable
{
    private readonly EduPlanWebFactory app = new();

    public void Dispose() => app.Dispose();

    [Fact]
    public async Task A_posted_id_field_does_not_change_which_user_is_disabled()
    {
        var target = await app.CreateUserAsync("route.target", UsersTestKit.Password, [Roles.Viewer]);
        var bystander = await app.CreateUserAsync("route.bystander", UsersTestKit.Password, [Roles.Viewer]);
        var admin = app.CreateBrowser();
        await admin.SignInAsAdminAsync();
        var path = $"/admin/users/{target.Id}/disable";

        var response = await admin.PostFieldsAsync(UsersTestKit.EditPath(target.Id), path, ("id", bystander.Id));

        response.StatusCode.Should().BeOneOf(HttpStatusCode.Redirect, HttpStatusCode.OK);
        var disabled = await app.WithDbAsync(db => db.Users.Where(u => u.IsDisabled).Select(u => u.UserName).ToListAsync());
        disabled.Should().Equal("route.target");
    }
}
