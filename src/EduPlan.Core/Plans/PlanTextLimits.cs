namespace EduPlan.Core.Plans;

/// <summary>
/// The longest texts the schema stores in bounded columns. The parser refuses longer ones with file and line,
/// so an import never fails half-way on SQL Server (SQLite would not notice).
/// </summary>
public static class PlanTextLimits
{
    public const int Code = 64;
    public const int Title = 500;
    public const int Issuer = 200;
    public const int IndicatorKey = 256;
    public const int IndicatorName = 200;
    public const int Unit = 32;
}
