using System.Reflection;
using System.Runtime.InteropServices;
using System.Xml.Linq;
using EduPlan.Application.Reporting.Editing;
using EduPlan.Core.Plans;
using EduPlan.Data;

namespace EduPlan.Application.Tests.Architecture;

/// <summary>
/// The layers point one way: Core (BCL only) ← Data ← Application ← Web and Cli. Checked twice: in the project files
/// (every project under src/, so a new one needs a rule here) and in the compiled assemblies' references.
/// </summary>
public sealed class LayeringTests
{
    private const string Core = "EduPlan.Core";
    private const string Data = "EduPlan.Data";
    private const string Application = "EduPlan.Application";
    private const string Web = "EduPlan.Web";
    private const string Cli = "EduPlan.Cli";

    /// <summary>What each project may reference; a provider's migrations project (EduPlan.Data.Sqlite …) goes by <see cref="ProviderRule"/>.</summary>
    private static readonly Dictionary<string, LayerRule> Rules = new()
    {
        [Core] = new([], MustReference: [], PackagesAllowed: false),
        [Data] = new([Core], MustReference: [Core]),
        [Application] = new([Core, Data], MustReference: [Core, Data]),
        [Web] = new([Core, Data, Application, "EduPlan.Data.*"], MustReference: [Application]),
        [Cli] = new([Core, Data, Application, "EduPlan.Data.*"], MustReference: [Application]),
    };

    private static readonly LayerRule ProviderRule = new([Data, Core], MustReference: [Data]);

    [Fact]
    public void Every_project_references_only_the_layers_below_it()
    {
        var projects = Directory.GetFiles(Path.Combine(RepositoryRoot(), "src"), "*.csproj", SearchOption.AllDirectories);
        projects.Select(Path.GetFileNameWithoutExtension).Should().Contain([Core, Data, Application, Web, Cli]);

        var violations = projects.SelectMany(p => Violations(Path.GetFileNameWithoutExtension(p)!, XDocument.Load(p))).ToList();

        violations.Should().BeEmpty();
    }

    [Theory]
    [InlineData(Core, "<ItemGroup><PackageReference Include=\"Microsoft.EntityFrameworkCore\" /></ItemGroup>", "packages")]
    [InlineData(Core, "<ItemGroup><ProjectReference Include=\"..\\EduPlan.Data\\EduPlan.Data.csproj\" /></ItemGroup>", "EduPlan.Data")]
    [InlineData(Data, "<ItemGroup><ProjectReference Include=\"..\\EduPlan.Core\\EduPlan.Core.csproj\" /><ProjectReference Include=\"..\\EduPlan.Application\\EduPlan.Application.csproj\" /></ItemGroup>", "EduPlan.Application")]
    [InlineData(Application, "<ItemGroup><ProjectReference Include=\"..\\EduPlan.Core\\EduPlan.Core.csproj\" /><ProjectReference Include=\"..\\EduPlan.Data\\EduPlan.Data.csproj\" /><ProjectReference Include=\"..\\EduPlan.Web\\EduPlan.Web.csproj\" /></ItemGroup>", "EduPlan.Web")]
    [InlineData(Application, "<ItemGroup><FrameworkReference Include=\"Microsoft.AspNetCore.App\" /><ProjectReference Include=\"..\\EduPlan.Core\\EduPlan.Core.csproj\" /><ProjectReference Include=\"..\\EduPlan.Data\\EduPlan.Data.csproj\" /></ItemGroup>", "Microsoft.AspNetCore.App")]
    [InlineData(Application, "<ItemGroup><PackageReference Include=\"Microsoft.AspNetCore.Mvc.Core\" /><ProjectReference Include=\"..\\EduPlan.Core\\EduPlan.Core.csproj\" /><ProjectReference Include=\"..\\EduPlan.Data\\EduPlan.Data.csproj\" /></ItemGroup>", "Microsoft.AspNetCore.Mvc.Core")]
    [InlineData(Web, "<ItemGroup><ProjectReference Include=\"..\\EduPlan.Data\\EduPlan.Data.csproj\" /></ItemGroup>", "must reference EduPlan.Application")]
    [InlineData(Cli, "<ItemGroup><ProjectReference Include=\"..\\EduPlan.Application\\EduPlan.Application.csproj\" /><ProjectReference Include=\"..\\EduPlan.Web\\EduPlan.Web.csproj\" /></ItemGroup>", "EduPlan.Web")]
    [InlineData("EduPlan.Data.PostgreSql", "<ItemGroup><ProjectReference Include=\"..\\EduPlan.Data\\EduPlan.Data.csproj\" /><ProjectReference Include=\"..\\EduPlan.Application\\EduPlan.Application.csproj\" /></ItemGroup>", "EduPlan.Application")]
    [InlineData("EduPlan.Reports", "<ItemGroup />", "no layering rule")]
    public void The_project_rules_refuse_a_reference_against_the_direction(string project, string items, string named)
    {
        var violations = Violations(project, XDocument.Parse($"<Project Sdk=\"Microsoft.NET.Sdk\">{items}</Project>"));

        violations.Should().Contain(v => v.Contains(named, StringComparison.Ordinal));
    }

    [Fact]
    public void Core_is_compiled_against_the_base_class_library_only()
    {
        var runtime = RuntimeEnvironment.GetRuntimeDirectory();
        var foreign = typeof(Plan).Assembly.GetReferencedAssemblies()
            .Where(a => !File.Exists(Path.Combine(runtime, a.Name + ".dll")))
            .Select(a => a.Name)
            .ToList();

        foreign.Should().BeEmpty("EduPlan.Core may use nothing but the BCL (no EF Core, no ASP.NET Core, no other project)");
    }

    [Fact]
    public void Data_and_Application_are_not_compiled_against_the_layers_above_them()
    {
        NamesReferencedBy(typeof(EduPlanDbContext).Assembly).Should().NotContain(n => n == Application || n.StartsWith(Web, StringComparison.Ordinal) || n == "eduplan");
        NamesReferencedBy(typeof(ProgressReporting).Assembly).Should()
            .NotContain(n => n.StartsWith(Web, StringComparison.Ordinal) || n == "eduplan", "the CLI's assembly is eduplan")
            .And.NotContain(n => n.StartsWith("Microsoft.AspNetCore.Mvc", StringComparison.Ordinal) || n.StartsWith("Microsoft.AspNetCore.Http", StringComparison.Ordinal)
                || n.StartsWith("Microsoft.AspNetCore.Razor", StringComparison.Ordinal) || n.StartsWith("Microsoft.AspNetCore.Hosting", StringComparison.Ordinal)
                || n.StartsWith("Microsoft.AspNetCore.Routing", StringComparison.Ordinal), "use cases return results, the web layer makes responses of them");
        NamesReferencedBy(typeof(ProgressReporting).Assembly).Should().Contain([Core, Data]);
    }

    private static List<string> NamesReferencedBy(Assembly assembly) => assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();

    /// <summary>What is wrong with one project file, one line per breach.</summary>
    private static IEnumerable<string> Violations(string project, XDocument file)
    {
        var rule = Rules.GetValueOrDefault(project) ?? (project.StartsWith(Data + ".", StringComparison.Ordinal) ? ProviderRule : null);
        if (rule is null)
        {
            yield return $"{project}: no layering rule; add one to {nameof(LayeringTests)}";
            yield break;
        }

        var references = Items(file, "ProjectReference").Select(Path.GetFileNameWithoutExtension).Select(n => n!).ToList();
        foreach (var reference in references.Where(r => !rule.MayReference.Any(allowed => Matches(r, allowed))))
        {
            yield return $"{project} references {reference}";
        }

        foreach (var required in rule.MustReference.Where(r => !references.Contains(r)))
        {
            yield return $"{project} must reference {required}";
        }

        var packages = Items(file, "PackageReference").ToList();
        if (!rule.PackagesAllowed && packages.Count > 0)
        {
            yield return $"{project} takes packages ({string.Join(", ", packages)}); it may use the BCL only";
        }

        // ASP.NET Core MVC and the web framework belong to EduPlan.Web (Data takes Identity's stores, not the framework).
        if (project is not Web)
        {
            foreach (var framework in Items(file, "FrameworkReference"))
            {
                yield return $"{project} references the framework {framework}";
            }

            foreach (var package in packages.Where(p => p.StartsWith("Microsoft.AspNetCore.Mvc", StringComparison.Ordinal)))
            {
                yield return $"{project} references {package}";
            }
        }
    }

    private static IEnumerable<string> Items(XDocument file, string name) =>
        file.Descendants().Where(e => e.Name.LocalName == name).Select(e => (string?)e.Attribute("Include")).OfType<string>()
            .Select(i => i.Replace('\\', '/'));

    private static bool Matches(string reference, string allowed) =>
        allowed.EndsWith(".*", StringComparison.Ordinal) ? reference.StartsWith(allowed[..^1], StringComparison.Ordinal) : reference == allowed;

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "EduPlan.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("EduPlan.sln not found above " + AppContext.BaseDirectory);
    }

    private sealed record LayerRule(IReadOnlyList<string> MayReference, IReadOnlyList<string> MustReference, bool PackagesAllowed = true);
}
