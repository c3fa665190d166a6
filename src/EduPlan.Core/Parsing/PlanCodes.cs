using System.Collections.Frozen;
using System.Security.Cryptography;
using System.Text;
using EduPlan.Core.Parsing.Internal;

namespace EduPlan.Core.Parsing;

/// <summary>The stable short codes that identify plans in URLs (/plans/{code}).</summary>
public static class PlanCodes
{
    public const string National = "national";
    public const string Chongqing = "chongqing";

    // Exact titles only: codes are the importer's natural key, so a prefix rule would let another Chongqing plan
    // (《重庆市教育数字化行动计划（2025—2027年）》) overwrite the 2024—2035 plan.
    private static readonly FrozenDictionary<string, string> KnownTitles = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["教育强国建设规划纲要（2024—2035年）"] = National,
        ["重庆加快建设教育强市推进教育现代化规划（2024—2035年）"] = Chongqing,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>
    /// The built-in code for one of the known plan titles, or null for any other title. Brackets, dash and digits are
    /// normalised first, so 《教育强国建设规划纲要(2024-2035年)》 is known too.
    /// </summary>
    public static string? Known(string title)
    {
        ArgumentNullException.ThrowIfNull(title);
        return KnownTitles.GetValueOrDefault(TitleText.Normalise(title));
    }

    /// <summary>
    /// A code an administrator may give a plan: lower-case letters, digits and hyphens, starting with a letter or digit,
    /// at most <see cref="Plans.PlanTextLimits.Code"/> long — it is part of every URL of the plan.
    /// </summary>
    public static bool IsValid(string code) =>
        code.Length is > 0 and <= Plans.PlanTextLimits.Code && (char.IsAsciiLetterLower(code[0]) || char.IsAsciiDigit(code[0]))
        && code.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-');

    /// <summary>"plan-" plus the first 8 hex digits of the SHA-256 of the title: stable for an unknown plan.</summary>
    public static string FromTitleHash(string title) =>
        "plan-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(title)))[..8];
}
