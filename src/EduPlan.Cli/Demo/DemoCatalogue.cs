using System.Globalization;
using EduPlan.Core.Organisation;

namespace EduPlan.Cli.Demo;

/// <summary>A department the demo creates, with the user name of its demo reporter.</summary>
/// <param name="Slug">The reporter's user name (ASCII, as user names must be): 市教委 → jiaowei.</param>
public sealed record DemoDepartment(string Name, string ShortName, DepartmentKind Kind, string Slug);

/// <summary>Which departments a task on a topic belongs to: the first rule whose keyword is in the task title decides.</summary>
/// <param name="DistrictCoDepartments">How many district education bodies (区县教委) join, for the tasks districts carry out.</param>
public sealed record DemoTopic(string[] Keywords, string Lead, string[] CoDepartments, int DistrictCoDepartments = 0);

/// <summary>A goal indicator the parser found outside any task, and the words of the titles of the tasks that report it.</summary>
public sealed record DemoIndicatorLink(string IndicatorName, string PlanCode, string[] TaskTitleKeywords);

/// <summary>
/// The fixed material of the demo: Chongqing's real municipal bodies and district education commissions (with full and
/// short names), which of them own which topics, which goal indicators fitting tasks report, and people's names.
/// </summary>
public static class DemoCatalogue
{
    /// <summary>The education commission: the lead of every task no topic rule claims, and the coordinators' home.</summary>
    public const string EducationCommission = "市教委";

    /// <summary>Departments when --departments is not given: the municipal bodies and four districts.</summary>
    public const int DefaultDepartmentCount = 16;

    public static IReadOnlyList<DemoDepartment> Municipal { get; } =
    [
        new("重庆市教育委员会", "市教委", DepartmentKind.MunicipalDepartment, "jiaowei"),
        new("重庆市发展和改革委员会", "市发展改革委", DepartmentKind.MunicipalDepartment, "fagaiwei"),
        new("重庆市财政局", "市财政局", DepartmentKind.MunicipalDepartment, "caizheng"),
        new("重庆市人力资源和社会保障局", "市人力社保局", DepartmentKind.MunicipalDepartment, "renshe"),
        new("重庆市科学技术局", "市科技局", DepartmentKind.MunicipalDepartment, "keji"),
        new("中共重庆市委宣传部", "市委宣传部", DepartmentKind.MunicipalDepartment, "xuanchuan"),
        new("中共重庆市委机构编制委员会办公室", "市委编办", DepartmentKind.MunicipalDepartment, "bianban"),
        new("重庆市体育局", "市体育局", DepartmentKind.MunicipalDepartment, "tiyu"),
        new("重庆市卫生健康委员会", "市卫生健康委", DepartmentKind.MunicipalDepartment, "weijian"),
        new("重庆市经济和信息化委员会", "市经济信息委", DepartmentKind.MunicipalDepartment, "jingxin"),
        new("重庆市大数据应用发展管理局", "市大数据发展局", DepartmentKind.MunicipalDepartment, "dashuju"),
        new("重庆市人民政府外事办公室", "市政府外办", DepartmentKind.MunicipalDepartment, "waiban"),
    ];

    /// <summary>Chongqing's 38 districts and counties (区县), the ones named in the issue first.</summary>
    private static readonly (string Place, string Slug)[] Places =
    [
        ("渝中区", "yuzhong"), ("沙坪坝区", "shapingba"), ("九龙坡区", "jiulongpo"), ("万州区", "wanzhou"),
        ("江北区", "jiangbei"), ("南岸区", "nanan"), ("渝北区", "yubei"), ("北碚区", "beibei"), ("巴南区", "banan"),
        ("大渡口区", "dadukou"), ("涪陵区", "fuling"), ("黔江区", "qianjiang"), ("长寿区", "changshou"), ("江津区", "jiangjin"),
        ("合川区", "hechuan"), ("永川区", "yongchuan"), ("南川区", "nanchuan"), ("綦江区", "qijiang"), ("大足区", "dazu"),
        ("璧山区", "bishan"), ("铜梁区", "tongliang"), ("潼南区", "tongnan"), ("荣昌区", "rongchang"), ("开州区", "kaizhou"),
        ("梁平区", "liangping"), ("武隆区", "wulong"), ("城口县", "chengkou"), ("丰都县", "fengdu"), ("垫江县", "dianjiang"),
        ("忠县", "zhongxian"), ("云阳县", "yunyang"), ("奉节县", "fengjie"), ("巫山县", "wushan"), ("巫溪县", "wuxi"),
        ("石柱土家族自治县", "shizhu"), ("秀山土家族苗族自治县", "xiushan"), ("酉阳土家族苗族自治县", "youyang"),
        ("彭水苗族土家族自治县", "pengshui"),
    ];

    /// <summary>
    /// The first <paramref name="count"/> departments: the municipal bodies, then district education commissions
    /// (重庆市渝中区教育委员会 / 渝中区教委), then, past the 38 real ones, numbered demo districts.
    /// </summary>
    public static IReadOnlyList<DemoDepartment> Departments(int count)
    {
        var all = new List<DemoDepartment>(Math.Max(count, 0));
        all.AddRange(Municipal.Take(count));
        for (var i = 0; all.Count < count; i++)
        {
            all.Add(i < Places.Length ? District(Places[i].Place, Places[i].Slug) : Numbered(i - Places.Length + 1));
        }

        return all;
    }

    private static DemoDepartment District(string place, string slug)
    {
        // 石柱土家族自治县 → 石柱县教委: the short form people write.
        var shortPlace = place.EndsWith("自治县", StringComparison.Ordinal) ? place[..2] + "县" : place;
        return new($"重庆市{place}教育委员会", $"{shortPlace}教委", DepartmentKind.District, slug);
    }

    private static DemoDepartment Numbered(int n)
    {
        var number = n.ToString(CultureInfo.InvariantCulture);
        return new($"重庆市演示第{number}区教育委员会", $"演示{number}区教委", DepartmentKind.District, $"quxian{number}");
    }

    /// <summary>Topic rules, most specific first; titles no rule matches are led by 市教委 with co-departments spread at random.</summary>
    public static IReadOnlyList<DemoTopic> Topics { get; } =
    [
        new(["哲学社会科学"], "市委宣传部", ["市教委", "市科技局"]),
        new(["技能人才"], "市人力社保局", ["市教委", "市财政局"]),
        new(["成果转化"], "市科技局", ["市教委", "市经济信息委"]),
        new(["经费", "投入机制"], "市财政局", ["市教委", "市发展改革委"]),
        new(["思想政治", "理论", "铸魂育人", "文化育人", "实践育人", "网络育人"], "市教委", ["市委宣传部"]),
        new(["党", "红岩先锋"], "市教委", ["市委编办"]),
        new(["教材", "语言文字"], "市教委", ["市委宣传部"]),
        new(["健康", "全面发展", "德智体美劳"], "市教委", ["市体育局", "市卫生健康委"], 1),
        new(["学前", "义务教育", "基础教育", "普通高中", "双减"], "市教委", ["市发展改革委", "市财政局"], 1),
        new(["职业", "产教融合", "职普融通", "成长成才"], "市教委", ["市人力社保局", "市发展改革委"], 1),
        new(["终身"], "市教委", ["市人力社保局"]),
        new(["国际", "全球", "开放", "交流合作", "影响力", "汇聚"], "市教委", ["市政府外办"]),
        new(["数字", "人工智能", "智慧"], "市教委", ["市大数据发展局", "市经济信息委"]),
        new(["科技", "研究院", "基础学科", "科研"], "市教委", ["市科技局", "市经济信息委"]),
        new(["教师", "教育家精神", "强师"], "市教委", ["市委编办", "市人力社保局", "市财政局"], 1),
        new(["人才"], "市教委", ["市科技局", "市人力社保局"]),
        new(["评价"], "市教委", ["市人力社保局"]),
        new(["高校", "高等教育", "学科", "大学", "教育教学能力"], "市教委", ["市发展改革委", "市财政局"]),
        new(["中心城区", "超大城市", "治理", "法", "考试招生"], "市教委", ["市委编办"], 1),
    ];

    /// <summary>Goal indicators (found in 2027 goals, so on no task) and the tasks that report them.</summary>
    public static IReadOnlyList<DemoIndicatorLink> IndicatorLinks { get; } =
    [
        new("教共体覆盖率", "chongqing", ["义务教育优质均衡", "统筹优化基础教育资源配置"]),
        new("智慧教育平台应用覆盖率", "chongqing", ["深化数字教育体系建设", "数字教育融合创新"]),
        new("职业教育“双师型”教师占比", "chongqing", ["职业院校持续提升关键办学能力", "教师教书育人能力"]),
        new("普通本科高校专任教师博士学位占比", "chongqing", ["教师管理和资源配置", "学科专业提档"]),
    ];

    private static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "周", "吴", "徐", "孙", "胡", "朱", "高", "林", "何", "郭", "马", "罗", "谭", "冉", "向", "秦"];

    private static readonly string[] GivenNames =
    [
        "晓东", "丽华", "建国", "文静", "志强", "海燕", "明", "婷", "春梅", "伟", "思远", "雪", "国庆", "红梅", "俊杰",
        "静怡", "长江", "小兰", "宇航", "欣然", "德明", "玉兰", "天佑", "佳琪",
    ];

    /// <summary>A believable Chinese name for the n-th demo user (the same n gives the same name).</summary>
    public static string PersonName(int n, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        return Surnames[(n + random.Next(Surnames.Length)) % Surnames.Length] + GivenNames[random.Next(GivenNames.Length)];
    }
}
