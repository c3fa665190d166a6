using System.Net;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace EduPlan.Web.Tests;

[Collection(SharedApp.Name)]
public sealed class ErrorPageTests(EduPlanWebFactory factory)
{
    [Fact]
    public async Task An_unhandled_exception_shows_a_Chinese_error_page_without_details()
    {
        await using var withThrowingPage = factory.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
            services.AddControllers().AddApplicationPart(typeof(ThrowingController).Assembly)));
        using var client = withThrowingPage.CreateClient(new() { AllowAutoRedirect = false });

        var response = await client.GetAsync("/test/throw");

        response.StatusCode.Should().Be(HttpStatusCode.InternalServerError);
        var html = await response.Content.ReadAsStringAsync();
        html.Should().Contain("系统出现错误").And.Contain("<html lang=\"zh-CN\">");
        html.Should().NotContain(ThrowingController.Secret).And.NotContain("InvalidOperationException").And.NotContain("ThrowingController");
        response.Headers.Contains("Content-Security-Policy").Should().BeTrue();
    }
}

/// <summary>A page that fails, added to the app only in <see cref="ErrorPageTests"/>.</summary>
[AllowAnonymous]
public sealed class ThrowingController : Controller
{
    public const string Secret = "connection-string-password-123";

    [HttpGet("/test/throw")]
    public IActionResult Throw() => throw new InvalidOperationException(Secret);
}
