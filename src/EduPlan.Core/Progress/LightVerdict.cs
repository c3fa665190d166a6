using EduPlan.Core.Messages;

namespace EduPlan.Core.Progress;

/// <summary>
/// A light with the reasons that decided it, worst first, as sentences for people
/// ("完成60%，序时进度75%，落后15个百分点"; "2026年第三季度逾期未报").
/// </summary>
public sealed record LightVerdict(Light Light, IReadOnlyList<Message> Reasons)
{
    public LightVerdict(Light light, Message reason)
        : this(light, [reason])
    {
    }

    /// <summary>The reason shown beside the light.</summary>
    public Message Reason => Reasons[0];

    public bool Equals(LightVerdict? other) =>
        other is not null && Light == other.Light && Reasons.SequenceEqual(other.Reasons);

    public override int GetHashCode() => HashCode.Combine(Light, Reasons.Count > 0 ? Reasons[0] : null);
}
