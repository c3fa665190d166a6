using System.Reflection;
using EduPlan.Application.Security;
using EduPlan.Web.Authorization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ApplicationParts;
using Microsoft.Extensions.DependencyInjection;

namespace EduPlan.Web.Tests.Authorization;

/// <summary>
/// The role matrix itself can fail: an action that throws, added to a test host only, is reported for every identity
/// the policy lets through, while a working row beside it passes.
/// </summary>
public sealed class RoleMatrixSelfTests(RoleMatrixSelfTests.BrokenApp app) : IClassFixture<RoleMatrixSelfTests.BrokenApp>
{
    [Fact]
    public async Task A_deliberately_broken_action_fails_the_role_matrix()
    {
        var table = new Dictionary<string, (string Policy, string Url)>
        {
            ["GET plans"] = (Policies.ReadPlans, "/plans"),
            ["GET matrix-test/throws"] = (Policies.ReadPlans, "/matrix-test/throws"),
        };

        var failures = await RoleMatrixTests.FailuresAsync(app, table);

        // ReadPlans lets every role through (RoleMatrixTests.Allowed): each of them meets the exception.
        failures.Should().HaveCount(Roles.All.Count)
            .And.OnlyContain(f => f.Contains("GET matrix-test/throws", StringComparison.Ordinal) && f.EndsWith("got status 500", StringComparison.Ordinal));
    }

    /// <summary>The matrix's app with <see cref="ThrowingController"/> added (the real app never has it).</summary>
    public sealed class BrokenApp : RoleMatrixTests.App
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(services => services.AddMvcCore()
                .ConfigureApplicationPartManager(parts => parts.ApplicationParts.Add(new OneControllerPart(typeof(ThrowingController)))));
        }
    }

    private sealed class OneControllerPart(Type controller) : ApplicationPart, IApplicationPartTypeProvider
    {
        public override string Name => controller.Name;

        public IEnumerable<TypeInfo> Types => [controller.GetTypeInfo()];
    }
}

/// <summary>A deliberately broken action for <see cref="RoleMatrixSelfTests"/>: it passes its policy, then throws.</summary>
[Authorize(Policy = Policies.ReadPlans)]
[Route("matrix-test")]
public sealed class ThrowingController : Controller
{
    [HttpGet("throws")]
    public IActionResult Throws() => throw new InvalidOperationException("A deliberately broken action for the role matrix test.");
}
