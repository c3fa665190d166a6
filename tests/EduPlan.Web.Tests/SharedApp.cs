namespace EduPlan.Web.Tests;

/// <summary>One app and database for the tests that only read; they run one after another on it.</summary>
[CollectionDefinition(Name)]
public sealed class SharedApp : ICollectionFixture<EduPlanWebFactory>
{
    public const string Name = "Shared app";
}
