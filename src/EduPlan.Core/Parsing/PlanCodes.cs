using System.Security.Cryptography;
using System.Text;

namespace EduPlan.Core.Parsing;

/// <summary>The stable short codes that identify plans in URLs (/plans/{code}).</summary>
public static class PlanCodes
{
    public const string National = "national";
    public const string Chongqing = "chongqing";

    /// <summary>The built-in code for a known plan title, or null when the title is not in the table.</summary>
    public static string? Known(string title) =>
        title.StartsWith("教育强国建设规划纲要", StringComparison.Ordinal) ? National
        : title.StartsWith("重庆", StringComparison.Ordinal) ? Chongqing
        : null;

    /// <summary>"plan-" plus the first 8 hex digits of the SHA-256 of the title: stable for an unknown plan.</summary>
    public static string FromTitleHash(string title) =>
        "plan-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(title)))[..8];
}
