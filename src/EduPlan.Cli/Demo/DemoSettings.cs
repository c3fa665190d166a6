using System.Globalization;
using EduPlan.Core.Messages;
using EduPlan.Core.Reporting;

namespace EduPlan.Cli.Demo;

/// <summary>What <c>eduplan demo</c> was asked for.</summary>
/// <param name="Departments">How many departments to have (the catalogue's first N; past the named ones, districts).</param>
/// <param name="Through">The last quarter to fill with reviewed reports; null: the last closed quarter.</param>
/// <param name="Seed">Seeds every random choice, so the same seed on the same day gives the same data.</param>
/// <param name="Force">Add demo reports to a database that already holds reports (existing ones are left alone).</param>
/// <param name="Password">The password of every demo user; null: one is generated and printed once.</param>
/// <param name="Today">The China date to make the data for (tests, screenshots); null: today.</param>
public sealed record DemoSettings(int Departments, Quarter? Through, int Seed, bool Force, string? Password, DateOnly? Today)
{
    public const int DefaultSeed = 2035;

    public const int MaxDepartments = 200;

    public static DemoSettings Default { get; } = new(DemoCatalogue.DefaultDepartmentCount, null, DefaultSeed, false, null, null);

    /// <summary>The language of the use cases' messages in an error (the CLI's --lang).</summary>
    public CultureInfo Culture { get; init; } = MessageTexts.English;
}
