using EduPlan.Core.Reporting;

namespace EduPlan.Cli.Demo;

/// <summary>
/// The words of the demo reports: a few dozen sentences combined with the task's title and the quarter, so that
/// reports read like a department's own and differ from quarter to quarter.
/// </summary>
public static class DemoTexts
{
    private static readonly string[] Openings =
    [
        "{q}，{d}围绕“{t}”，",
        "{q}，{d}把“{t}”列入年度重点工作，",
        "本季度{d}聚焦“{t}”，",
        "{q}，{d}对照规划任务分工，就“{t}”",
        "围绕“{t}”，{d}本季度",
    ];

    private static readonly string[] Actions =
    [
        "召开专题推进会2次，细化责任清单和时间表",
        "印发年度工作要点，明确12项具体举措",
        "会同相关部门开展联合调研，形成调研报告1份",
        "完成阶段性目标任务评估，梳理问题清单并逐项销号",
        "组织开展专项督导，覆盖重点区县和学校",
        "推动配套政策文件出台，完成征求意见和合法性审查",
        "建立月调度、季通报工作机制，压实各方责任",
        "遴选第一批试点单位，启动试点工作",
        "召开现场推进会，总结推广典型经验做法",
        "完成专项资金分配下达，资金执行进度符合序时要求",
        "组织专题培训，参训干部和教师累计1200余人次",
        "开展数据监测，建立任务进展动态台账",
        "与高校、企业签订合作协议3份，推动资源共建共享",
        "完成项目申报评审，确定重点支持项目8个",
        "宣传报道典型案例，在市级以上媒体刊发稿件5篇",
        "对上季度发现的问题开展“回头看”，整改完成率达到90%以上",
        "修订完善考核评价办法，纳入年度目标考核",
        "推进数字化平台建设，完成相关功能上线试运行",
    ];

    private static readonly string[] DistrictActions =
    [
        "结合本区县实际制定落实方案，明确牵头科室和完成时限",
        "组织辖区学校开展自查，建立问题台账",
        "推动教共体结对帮扶，新增结对学校4所",
        "争取区县财政专项支持，保障重点项目实施",
    ];

    private static readonly string[] ProblemSentences =
    [
        "部分配套政策仍在制定中，基层落实存在等待观望情况",
        "跨部门协同机制有待进一步健全，信息共享不够及时",
        "区域之间进展不平衡，部分区县推进力度需要加强",
        "专项经费保障压力较大，个别项目资金到位偏慢",
        "专业人才队伍相对不足，难以满足工作需要",
        "数据统计口径尚未完全统一，监测评价有待完善",
        "典型经验总结提炼不够，示范带动作用有待发挥",
        "个别试点单位工作进度滞后于计划安排",
    ];

    private static readonly string[] RiskProblems =
    [
        "受项目审批周期影响，部分工程建设进度滞后约1个月",
        "资金缺口较大，年度目标按期完成存在风险",
        "牵头与配合单位职责边界尚需进一步明确，协调难度较大",
        "试点推进中遇到政策障碍，需要市级层面协调解决",
        "承担单位人员调整，工作衔接出现短暂空档",
    ];

    private static readonly string[] NextStepSentences =
    [
        "下一季度将加强统筹调度，确保年度目标如期完成",
        "继续完善配套政策，推动各项举措落地见效",
        "加强督促指导，对进度滞后的单位开展专项督办",
        "及时总结经验做法，适时召开现场推进会",
        "会同相关部门研究解决资金和用地保障问题",
        "做好数据监测和成效评估，按季度报送进展情况",
        "扩大试点范围，形成可复制可推广的经验",
        "加强宣传引导，营造良好社会氛围",
    ];

    /// <summary>What a coordinator writes when returning a report, and the field it points at.</summary>
    private static readonly (string Comment, string Field)[] ReturnComments =
    [
        ("进展情况过于笼统，请补充本季度具体举措和量化数据。", ReportFields.Progress),
        ("存在问题分析不够具体，请说明原因和影响。", ReportFields.Problems),
        ("下一步计划请明确时间节点和责任分工。", ReportFields.NextSteps),
        ("指标数值与上季度相比变化较大，请补充数据来源说明。", ReportFields.IndicatorValues),
        ("完成进度与工作描述不一致，请核实后重新填报。", ReportFields.Percent),
    ];

    /// <summary>Why the coordinator opens a quarter before its time (a demo filled --through a later quarter).</summary>
    public const string EarlyOpeningReason = "演示数据：提前开放本季度填报";

    /// <summary>What a department says when its percent is below one approved earlier.</summary>
    public const string PercentDropExplanation = "经复核，前期完成进度统计口径偏大，本季度按新口径重新核定。";

    /// <summary>What the department adds to its progress after a return.</summary>
    private static readonly string[] Corrections =
    [
        "（补充：本季度累计投入资金1860万元，覆盖学校42所，惠及学生约3.1万人。）",
        "（补充：已逐项核实相关数据，数据来源为市级教育统计年报和部门台账。）",
        "（补充：以上工作均已形成会议纪要和工作简报，可供查阅。）",
    ];

    /// <summary>The vague first version of a field a coordinator sends back.</summary>
    public static string Vague(string field) => field switch
    {
        ReportFields.Problems => "暂无。",
        ReportFields.NextSteps => "继续推进相关工作。",
        _ => "按计划推进相关工作。",
    };

    private static readonly string[] EvidenceTitles =
    [
        "工作推进会会议纪要",
        "阶段性工作总结报告",
        "专项督导情况通报",
        "相关政策文件",
        "工作简报",
        "典型案例汇编",
    ];

    /// <summary>本季度进展: an opening with the task's title, two or three actions, and where the task stands.</summary>
    public static string Progress(Random random, string taskTitle, Quarter quarter, string department, bool isDistrict, int percent)
    {
        ArgumentNullException.ThrowIfNull(random);
        var opening = Pick(random, Openings)
            .Replace("{q}", quarter.ToChinese(), StringComparison.Ordinal)
            .Replace("{d}", department, StringComparison.Ordinal)
            .Replace("{t}", Shorten(taskTitle), StringComparison.Ordinal);
        var actions = Distinct(random, Actions, random.Next(2, 4)).ToList();
        if (isDistrict)
        {
            actions.Insert(0, Pick(random, DistrictActions));
        }

        var standing = percent switch
        {
            >= 100 => "任务已全面完成，各项目标均已达成。",
            0 => "目前处于前期准备阶段，实施方案正在制定中。",
            _ => $"截至本季度末，累计完成计划任务的{percent}%。",
        };
        return opening + string.Join("；", actions) + "。" + standing;
    }

    /// <summary>存在问题: none for most on-track reports, a risk for reports at risk or delayed.</summary>
    public static string? Problems(Random random, ReportStatus status)
    {
        ArgumentNullException.ThrowIfNull(random);
        return status switch
        {
            ReportStatus.AtRisk or ReportStatus.Delayed => Pick(random, RiskProblems) + "；" + Pick(random, ProblemSentences) + "。",
            ReportStatus.Completed => null,
            _ => random.NextDouble() < 0.55 ? Pick(random, ProblemSentences) + "。" : null,
        };
    }

    /// <summary>下一步计划</summary>
    public static string NextSteps(Random random, ReportStatus status)
    {
        ArgumentNullException.ThrowIfNull(random);
        return status == ReportStatus.Completed
            ? "巩固建设成果，建立长效机制，做好经验总结和成果推广。"
            : string.Join("；", Distinct(random, NextStepSentences, 2)) + "。";
    }

    public static (string Comment, string Field) ReturnComment(Random random) => Pick(random, ReturnComments);

    /// <summary>The corrected text of <paramref name="field"/>: what the department writes after the return.</summary>
    public static string Correction(Random random, string field, string? final) => field switch
    {
        ReportFields.Problems => final ?? "经梳理，本季度工作中存在的主要问题是部分基层单位政策理解不到位，已组织专题培训。",
        ReportFields.NextSteps => (final ?? "") + "（时间节点：下季度第一个月完成方案制定，第二个月组织实施，季度末开展评估；责任处室已明确。）",
        _ => (final ?? "") + Pick(random, Corrections),
    };

    public static string EvidenceTitle(Random random, string taskTitle, Quarter quarter) =>
        $"{quarter.ToChinese()}“{Shorten(taskTitle)}”{Pick(random, EvidenceTitles)}";

    /// <summary>A task title short enough to quote in a sentence.</summary>
    public static string Shorten(string title)
    {
        ArgumentNullException.ThrowIfNull(title);
        var t = title.TrimEnd('。');
        return t.Length <= 24 ? t : t[..24] + "…";
    }

    private static string Pick(Random random, string[] items) => items[random.Next(items.Length)];

    private static T Pick<T>(Random random, T[] items) => items[random.Next(items.Length)];

    private static IEnumerable<string> Distinct(Random random, string[] items, int count)
    {
        var indexes = Enumerable.Range(0, items.Length).ToArray();
        random.Shuffle(indexes);
        return indexes.Take(count).Select(i => items[i]);
    }
}
