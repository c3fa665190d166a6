namespace EduPlan.Core.Progress;

/// <summary>
/// The light (亮灯) of a task, section, plan, department or indicator for a quarter, as 督查督办 systems show it.
/// The API spells them green, yellow, red, done and grey (<see cref="LightNames"/>).
/// </summary>
public enum Light
{
    /// <summary>灰: nothing to judge yet (before the start, no lead unit, or no approved report while entry is open).</summary>
    Grey = 0,

    /// <summary>绿: on pace with 序时进度.</summary>
    Green = 1,

    /// <summary>黄: behind, at risk, or due soon and not complete.</summary>
    Yellow = 2,

    /// <summary>红: seriously behind, delayed, past due, or not reported after entry closed (逾期未报).</summary>
    Red = 3,

    /// <summary>完成: reported 已完成 with evidence (an indicator: its target is met); shown apart from green.</summary>
    Done = 4,
}

/// <summary>The lights' names in the read API and in CSS classes.</summary>
public static class LightNames
{
    /// <summary>Every light, in the order pages list them: red first (what needs attention), grey last.</summary>
    public static readonly IReadOnlyList<Light> DisplayOrder = [Light.Red, Light.Yellow, Light.Green, Light.Done, Light.Grey];

    /// <summary>"green", "yellow", "red", "done" or "grey".</summary>
    public static string ToApiName(this Light light) => light switch
    {
        Light.Green => "green",
        Light.Yellow => "yellow",
        Light.Red => "red",
        Light.Done => "done",
        Light.Grey => "grey",
        _ => throw new ArgumentOutOfRangeException(nameof(light), light, null),
    };

    /// <summary>How much a light asks for attention: red 3, yellow 2, green 1, done and grey 0.</summary>
    public static int Severity(this Light light) => light switch
    {
        Light.Red => 3,
        Light.Yellow => 2,
        Light.Green => 1,
        _ => 0,
    };
}
