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
    /// <summary>A section's or task's marker as written: 【重点任务12】, （二十三）, 第十二部分.</summary>
    public const int Label = 32;
}
