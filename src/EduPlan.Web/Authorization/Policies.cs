namespace EduPlan.Web.Authorization;

/// <summary>Named authorization policies, registered in <see cref="Infrastructure.WebServiceCollectionExtensions"/>.</summary>
public static class Policies
{
    /// <summary>Any signed-in user may read the plans.</summary>
    public const string ReadPlans = nameof(ReadPlans);

    /// <summary>User and system administration.</summary>
    public const string Administer = nameof(Administer);
}
