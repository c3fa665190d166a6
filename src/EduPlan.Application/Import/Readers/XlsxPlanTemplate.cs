using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using EduPlan.Core.Messages;
using EduPlan.Core.Parsing;
using EduPlan.Core.Plans;
using EduPlan.Core.Text;

namespace EduPlan.Application.Import.Readers;

/// <summary>
/// The structured fallback for a plan no parser can read: an .xlsx workbook with one sheet per kind of row (规划,
/// 章节, 任务, 里程碑, 目标, 指标) and a 说明 sheet that explains every column. <see cref="Write"/> gives the blank template
/// (or a parsed plan written into it, to finish by hand); <see cref="Read"/> turns a filled one into the same
/// <see cref="ParsedDocument"/> the parser produces, so the same preview and import take it.
/// </summary>
public static class XlsxPlanTemplate
{
    public const string PlanSheet = "规划";
    public const string SectionSheet = "章节";
    public const string TaskSheet = "任务";
    public const string MilestoneSheet = "里程碑";
    public const string GoalSheet = "目标";
    public const string IndicatorSheet = "指标";
    public const string NotesSheet = "说明";

    private static readonly string[] PlanFields = ["标题", "代码", "起始年份", "结束年份", "印发机关", "印发时间", "上级规划代码", "征求意见稿"];
    private static readonly string[] SectionColumns = ["编号", "标号", "标题", "部分", "正文"];
    private static readonly string[] TaskColumns = ["章节编号", "编号", "标号", "标题", "正文"];
    private static readonly string[] MilestoneColumns = ["年份", "内容"];
    private static readonly string[] GoalColumns = ["里程碑年份", "编号", "标题", "内容"];
    private static readonly string[] IndicatorColumns = ["名称", "比较", "目标值", "单位", "年份", "任务编号", "里程碑年份", "基期值", "基期年份", "出处"];

    /// <summary>What each column means (the 说明 sheet): sheet, column, meaning.</summary>
    private static readonly (string Sheet, string Column, string Meaning)[] Notes =
    [
        (PlanSheet, "标题", "规划全称，含规划期，如：某区教育事业发展规划（2026—2030年）。必填。"),
        (PlanSheet, "代码", "网址和再次导入时识别规划用的代码：小写字母、数字和连字符，如 district-2030。留空则按标题生成。"),
        (PlanSheet, "起始年份 / 结束年份", "规划期，四位数字。必填。"),
        (PlanSheet, "印发机关 / 印发时间", "如：区委、区政府；2025-12（年-月）。可留空。"),
        (PlanSheet, "上级规划代码", "本规划所依据的规划（已导入的规划代码，如 national）。可留空。"),
        (PlanSheet, "征求意见稿", "是 / 否。"),
        (SectionSheet, "编号", "章节序号 1、2、3……，从 1 起连续。"),
        (SectionSheet, "标号", "文件中的写法，如 一、 或 第一章；可留空。"),
        (SectionSheet, "部分", "两级结构时所属的部分，如 第一部分 总体战略；可留空。"),
        (TaskSheet, "章节编号", "任务所在章节的编号。"),
        (TaskSheet, "编号", "重点任务序号，全规划内不重复。"),
        (TaskSheet, "标题 / 正文", "标题为任务名称；正文为任务全文，可留空。"),
        (MilestoneSheet, "年份 / 内容", "如：2027；到2027年，……。"),
        (GoalSheet, "里程碑年份", "目标所属里程碑的年份；编号从 1 起。"),
        (IndicatorSheet, "比较", "≥ ≤ = > < 之一（也可写 >= <=）。"),
        (IndicatorSheet, "目标值 / 单位", "数值，如 95；单位如 %、所、小时，可留空。"),
        (IndicatorSheet, "年份", "目标年份；长期要求留空。"),
        (IndicatorSheet, "任务编号 / 里程碑年份", "指标出自哪项任务或哪个里程碑；可留空。"),
        (IndicatorSheet, "基期值 / 基期年份", "规划起点的数值与年份；可留空。"),
        (IndicatorSheet, "出处", "原文中的句子或表格内容；可留空。"),
    ];

    public static bool IsTemplate(byte[] content)
    {
        try
        {
            using var stream = new MemoryStream(content, writable: false);
            using var document = SpreadsheetDocument.Open(stream, isEditable: false);
            return Sheets(document).ContainsKey(PlanSheet);
        }
        catch (Exception e) when (e is OpenXmlPackageException or InvalidDataException or System.Xml.XmlException)
        {
            return false;
        }
    }

    /// <summary>Reads a filled template; refuses it naming the sheet, the row and the column at fault.</summary>
    public static ParsedDocument Read(byte[] content, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(content);
        Dictionary<string, List<(int Row, string[] Cells)>> sheets;
        try
        {
            using var stream = new MemoryStream(content, writable: false);
            using var document = SpreadsheetDocument.Open(stream, isEditable: false);
            sheets = Sheets(document).ToDictionary(s => s.Key, s => Rows(document, s.Value));
        }
        catch (Exception e) when (e is OpenXmlPackageException or InvalidDataException or System.Xml.XmlException)
        {
            throw new PlanFormatException(sourceName, 0, new Message("PlanImport_XlsxUnreadable"));
        }

        var reader = new Reader(sourceName, sheets);
        return reader.Read();
    }

    /// <summary>The template, blank or holding <paramref name="plan"/> (to be finished by hand).</summary>
    public static byte[] Write(ParsedPlan? plan)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook(new Sheets());
            var sheets = workbook.Workbook.Sheets!;

            AddSheet(workbook, sheets, PlanSheet, [["项目", "内容"], .. PlanFields.Select(f => (string[])[f, PlanValue(plan, f)])]);
            AddSheet(workbook, sheets, SectionSheet, [SectionColumns, .. (plan?.Sections ?? []).Select(s => (string[])[N(s.Number), s.Label, s.Title, s.Part ?? "", s.Text])]);
            AddSheet(workbook, sheets, TaskSheet, [TaskColumns, .. (plan?.Sections ?? []).SelectMany(s => s.Tasks.Select(t => (string[])[N(s.Number), N(t.Number), t.Label, t.Title, t.Text]))]);
            AddSheet(workbook, sheets, MilestoneSheet, [MilestoneColumns, .. (plan?.Milestones ?? []).Select(m => (string[])[N(m.Year), m.Text])]);
            AddSheet(workbook, sheets, GoalSheet, [GoalColumns, .. (plan?.Milestones ?? []).SelectMany(m => m.Goals.Select(g => (string[])[N(m.Year), N(g.Number), g.Title, g.Text]))]);
            AddSheet(workbook, sheets, IndicatorSheet, [IndicatorColumns, .. (plan?.Indicators ?? []).Select(i => (string[])[
                i.Name, i.Comparator.ToDisplay(), D(i.Target), i.Unit, N(i.Year), N(i.TaskNumber), N(i.MilestoneYear), D(i.Baseline), N(i.BaselineYear), i.SourceText])]);
            AddSheet(workbook, sheets, NotesSheet, [["工作表", "列", "说明"], .. Notes.Select(n => (string[])[n.Sheet, n.Column, n.Meaning])]);
            workbook.Workbook.Save();
        }

        return stream.ToArray();
    }

    private static string PlanValue(ParsedPlan? plan, string field) => plan is null ? "" : field switch
    {
        "标题" => plan.Title,
        "代码" => plan.Code,
        "起始年份" => N(plan.StartYear),
        "结束年份" => N(plan.EndYear),
        "印发机关" => plan.Issuer,
        "印发时间" => plan.IssuedOn ?? "",
        "上级规划代码" => plan.ParentCode ?? "",
        "征求意见稿" => plan.IsDraft ? "是" : "否",
        _ => "",
    };

    private static string N(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";

    private static string D(decimal? value) => value?.ToString("0.####", CultureInfo.InvariantCulture) ?? "";

    private static void AddSheet(WorkbookPart workbook, Sheets sheets, string name, IEnumerable<string[]> rows)
    {
        var part = workbook.AddNewPart<WorksheetPart>();
        var data = new SheetData();
        uint index = 1;
        foreach (var row in rows)
        {
            var xmlRow = new Row { RowIndex = index };
            for (var column = 0; column < row.Length; column++)
            {
                xmlRow.Append(new Cell
                {
                    CellReference = ColumnName(column) + index.ToString(CultureInfo.InvariantCulture),
                    DataType = CellValues.InlineString,
                    InlineString = new InlineString(new Text(row[column] ?? "") { Space = SpaceProcessingModeValues.Preserve }),
                });
            }

            data.Append(xmlRow);
            index++;
        }

        part.Worksheet = new Worksheet(data);
        sheets.Append(new Sheet { Id = workbook.GetIdOfPart(part), SheetId = (uint)sheets.ChildElements.Count + 1, Name = name });
    }

    private static string ColumnName(int index)
    {
        var name = "";
        for (var i = index + 1; i > 0; i = (i - 1) / 26)
        {
            name = (char)('A' + ((i - 1) % 26)) + name;
        }

        return name;
    }

    private static Dictionary<string, WorksheetPart> Sheets(SpreadsheetDocument document)
    {
        var workbook = document.WorkbookPart;
        var result = new Dictionary<string, WorksheetPart>(StringComparer.Ordinal);
        if (workbook?.Workbook?.Sheets is null)
        {
            return result;
        }

        foreach (var sheet in workbook.Workbook.Sheets.Elements<Sheet>())
        {
            if (sheet.Name?.Value is { } name && sheet.Id?.Value is { } id && workbook.GetPartById(id) is WorksheetPart part)
            {
                result[name.Trim()] = part;
            }
        }

        return result;
    }

    /// <summary>Every non-empty row of a sheet as text cells (column A first), with its row number.</summary>
    private static List<(int Row, string[] Cells)> Rows(SpreadsheetDocument document, WorksheetPart part)
    {
        var shared = document.WorkbookPart?.SharedStringTablePart?.SharedStringTable?.Elements<SharedStringItem>().Select(i => i.InnerText).ToList() ?? [];
        var rows = new List<(int, string[])>();
        foreach (var row in part.Worksheet?.Descendants<Row>() ?? [])
        {
            var cells = new List<string>();
            foreach (var cell in row.Elements<Cell>())
            {
                var column = ColumnIndex(cell.CellReference?.Value);
                while (cells.Count < column)
                {
                    cells.Add("");
                }

                cells.Add(CellText(cell, shared));
            }

            if (cells.Exists(c => c.Trim().Length > 0))
            {
                rows.Add(((int)(row.RowIndex?.Value ?? (uint)(rows.Count + 1)), cells.Select(c => TextSanitiser.FreeText(c)!.Trim()).ToArray()));
            }
        }

        return rows;
    }

    private static int ColumnIndex(string? reference)
    {
        if (string.IsNullOrEmpty(reference))
        {
            return 0;
        }

        var index = 0;
        foreach (var c in reference.TakeWhile(char.IsAsciiLetter))
        {
            index = (index * 26) + (char.ToUpperInvariant(c) - 'A' + 1);
        }

        return Math.Max(0, index - 1);
    }

    private static string CellText(Cell cell, List<string> shared)
    {
        if (cell.DataType?.Value == CellValues.SharedString && int.TryParse(cell.CellValue?.Text, out var index) && index < shared.Count)
        {
            return shared[index];
        }

        if (cell.DataType?.Value == CellValues.InlineString)
        {
            return cell.InlineString?.InnerText ?? "";
        }

        return cell.CellValue?.Text ?? "";
    }

    private sealed class Reader(string sourceName, Dictionary<string, List<(int Row, string[] Cells)>> sheets)
    {
        public ParsedDocument Read()
        {
            var plan = ReadPlan();
            var sections = Body(SectionSheet, SectionColumns).Select(r => (
                Row: r.Row,
                Number: Int(r, SectionSheet, "编号"),
                Label: Text(r, "标号"),
                Title: Required(r, SectionSheet, "标题"),
                Part: Text(r, "部分"),
                Body: Text(r, "正文"))).ToList();
            if (sections.Count == 0)
            {
                throw Refuse(SectionSheet, 0, "PlanImport_XlsxNoRows");
            }

            Distinct(sections.Select(s => (s.Row, s.Number)), SectionSheet, "编号");
            var tasks = Body(TaskSheet, TaskColumns).Select(r => (
                Row: r.Row,
                Section: Int(r, TaskSheet, "章节编号"),
                Number: Int(r, TaskSheet, "编号"),
                Label: Text(r, "标号"),
                Title: Required(r, TaskSheet, "标题"),
                Body: Text(r, "正文"))).ToList();
            Distinct(tasks.Select(t => (t.Row, t.Number)), TaskSheet, "编号");
            foreach (var task in tasks.Where(t => sections.TrueForAll(s => s.Number != t.Section)))
            {
                throw Refuse(TaskSheet, task.Row, "PlanImport_XlsxUnknownSection", task.Section);
            }

            var parsedSections = sections.Select(s => new ParsedSection(s.Number, s.Title, s.Body, s.Row,
                tasks.Where(t => t.Section == s.Number).Select(t => new ParsedTask(t.Number, Limit(t.Title, TaskSheet, t.Row), t.Body.Length > 0 ? t.Body : t.Title, t.Row) { Label = t.Label }).ToList())
            {
                Label = s.Label,
                Part = s.Part.Length > 0 ? s.Part : null,
            }).ToList();

            var milestones = Body(MilestoneSheet, MilestoneColumns).Select(r => (Row: r.Row, Year: Year(r, MilestoneSheet, "年份"), Text: Required(r, MilestoneSheet, "内容"))).ToList();
            Distinct(milestones.Select(m => (m.Row, m.Year)), MilestoneSheet, "年份");
            var goals = Body(GoalSheet, GoalColumns).Select(r => (Row: r.Row, Year: Year(r, GoalSheet, "里程碑年份"), Number: Int(r, GoalSheet, "编号"),
                Title: Required(r, GoalSheet, "标题"), Text: Text(r, "内容"))).ToList();
            foreach (var goal in goals.Where(g => milestones.TrueForAll(m => m.Year != g.Year)))
            {
                throw Refuse(GoalSheet, goal.Row, "PlanImport_XlsxUnknownMilestone", goal.Year);
            }

            var parsedMilestones = milestones.Select(m => new ParsedMilestone(m.Year, m.Text, m.Row,
                goals.Where(g => g.Year == m.Year).Select(g => new ParsedGoal(g.Number, g.Title, g.Text.Length > 0 ? g.Text : g.Title, g.Row)).ToList())).ToList();

            var keys = new Dictionary<string, int>(StringComparer.Ordinal);
            var indicators = new List<ParsedIndicator>();
            foreach (var r in Body(IndicatorSheet, IndicatorColumns))
            {
                var name = Required(r, IndicatorSheet, "名称");
                var comparator = ComparatorOf(r);
                var target = Decimal(r, IndicatorSheet, "目标值") ?? throw Refuse(IndicatorSheet, r.Row, "PlanImport_XlsxMissing", "目标值");
                int? year = Text(r, "年份").Length > 0 ? Year(r, IndicatorSheet, "年份") : null;
                int? task = Text(r, "任务编号").Length > 0 ? Int(r, IndicatorSheet, "任务编号") : null;
                int? milestone = Text(r, "里程碑年份").Length > 0 ? Year(r, IndicatorSheet, "里程碑年份") : null;
                if (task is { } t && tasks.TrueForAll(x => x.Number != t))
                {
                    throw Refuse(IndicatorSheet, r.Row, "PlanImport_XlsxUnknownTask", t);
                }

                if (milestone is { } m && milestones.TrueForAll(x => x.Year != m))
                {
                    throw Refuse(IndicatorSheet, r.Row, "PlanImport_XlsxUnknownMilestone", m);
                }

                var key = $"{name}@{year?.ToString(CultureInfo.InvariantCulture) ?? "standing"}";
                var occurrence = keys[key] = keys.GetValueOrDefault(key) + 1;
                indicators.Add(new ParsedIndicator(occurrence == 1 ? key : $"{key}#{occurrence}", Limit(name, IndicatorSheet, r.Row, PlanTextLimits.IndicatorName),
                    comparator, target, Limit(Text(r, "单位"), IndicatorSheet, r.Row, PlanTextLimits.Unit), year, Text(r, "出处").Length > 0 ? Text(r, "出处") : name,
                    task, milestone, r.Row)
                {
                    Baseline = Decimal(r, IndicatorSheet, "基期值"),
                    BaselineYear = Text(r, "基期年份").Length > 0 ? Year(r, IndicatorSheet, "基期年份") : null,
                });
            }

            var parsed = plan with { Sections = parsedSections, Milestones = parsedMilestones, Indicators = indicators };
            return new ParsedDocument(sourceName, [parsed with { ContentHash = PlanContentHash.Compute(parsed) }], []);
        }

        private ParsedPlan ReadPlan()
        {
            if (!sheets.TryGetValue(PlanSheet, out var rows))
            {
                throw Refuse(PlanSheet, 0, "PlanImport_XlsxNoSheet");
            }

            var fields = rows.Where(r => r.Cells.Length >= 1).ToDictionary(r => r.Cells[0], r => (r.Row, Value: r.Cells.Length > 1 ? r.Cells[1] : ""));
            string Field(string name) => fields.TryGetValue(name, out var f) ? f.Value : "";
            int Row(string name) => fields.TryGetValue(name, out var f) ? f.Row : 0;

            var title = Field("标题");
            if (title.Length == 0)
            {
                throw Refuse(PlanSheet, Row("标题"), "PlanImport_XlsxMissing", "标题");
            }

            var start = YearValue(Field("起始年份"), PlanSheet, Row("起始年份"), "起始年份");
            var end = YearValue(Field("结束年份"), PlanSheet, Row("结束年份"), "结束年份");
            if (end < start)
            {
                throw Refuse(PlanSheet, Row("结束年份"), "PlanImport_XlsxYearsReversed", start, end);
            }

            var code = Field("代码");
            if (code.Length > 0 && !PlanCodes.IsValid(code))
            {
                throw Refuse(PlanSheet, Row("代码"), "PlanImport_CodeInvalid", code);
            }

            var issuedOn = Field("印发时间");
            if (issuedOn.Length > 0 && !System.Text.RegularExpressions.Regex.IsMatch(issuedOn, "^[0-9]{4}-(0[1-9]|1[0-2])$"))
            {
                throw Refuse(PlanSheet, Row("印发时间"), "PlanImport_XlsxBadMonth", issuedOn);
            }

            var parent = Field("上级规划代码");
            return new ParsedPlan(
                code.Length > 0 ? code : PlanCodes.Known(title) ?? PlanCodes.FromTitleHash(title),
                Limit(title, PlanSheet, Row("标题")),
                Limit(Field("印发机关"), PlanSheet, Row("印发机关"), PlanTextLimits.Issuer),
                issuedOn.Length > 0 ? issuedOn : null,
                null,
                parent.Length > 0 ? parent : null,
                start,
                end,
                "",
                Row("标题"),
                [],
                [],
                [])
            {
                IsDraft = Field("征求意见稿") is "是" or "yes" or "Yes" or "true",
            };
        }

        /// <summary>The rows below a sheet's header row, each cell addressable by the header's name.</summary>
        private IEnumerable<(int Row, Dictionary<string, string> Cells)> Body(string sheet, string[] columns)
        {
            if (!sheets.TryGetValue(sheet, out var rows) || rows.Count == 0)
            {
                yield break;
            }

            var header = rows[0].Cells;
            foreach (var (row, cells) in rows.Skip(1))
            {
                var byName = new Dictionary<string, string>(StringComparer.Ordinal);
                for (var i = 0; i < header.Length && i < cells.Length; i++)
                {
                    byName[header[i]] = cells[i];
                }

                yield return (row, byName);
            }
        }

        private static string Text((int Row, Dictionary<string, string> Cells) row, string column) =>
            row.Cells.GetValueOrDefault(column) ?? "";

        private string Required((int Row, Dictionary<string, string> Cells) row, string sheet, string column) =>
            Text(row, column) is { Length: > 0 } value ? value : throw Refuse(sheet, row.Row, "PlanImport_XlsxMissing", column);

        private int Int((int Row, Dictionary<string, string> Cells) row, string sheet, string column) =>
            int.TryParse(Text(row, column), NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
                ? value
                : throw Refuse(sheet, row.Row, "PlanImport_XlsxNotANumber", column, Text(row, column));

        private int Year((int Row, Dictionary<string, string> Cells) row, string sheet, string column) =>
            YearValue(Text(row, column), sheet, row.Row, column);

        private int YearValue(string text, string sheet, int row, string column) =>
            int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var year) && year is >= 1949 and <= 2100
                ? year
                : throw Refuse(sheet, row, "PlanImport_XlsxNotAYear", column, text);

        private decimal? Decimal((int Row, Dictionary<string, string> Cells) row, string sheet, string column)
        {
            var text = Text(row, column).TrimEnd('%', '％');
            if (text.Length == 0)
            {
                return null;
            }

            return decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var value)
                ? value
                : throw Refuse(sheet, row.Row, "PlanImport_XlsxNotANumber", column, text);
        }

        private Comparator ComparatorOf((int Row, Dictionary<string, string> Cells) row) => Text(row, "比较") switch
        {
            "≥" or ">=" or "不低于" or "" => Comparator.AtLeast,
            "≤" or "<=" or "不超过" => Comparator.AtMost,
            "=" => Comparator.Equal,
            ">" => Comparator.GreaterThan,
            "<" => Comparator.LessThan,
            var other => throw Refuse(IndicatorSheet, row.Row, "PlanImport_XlsxComparator", other),
        };

        private string Limit(string text, string sheet, int row, int limit = PlanTextLimits.Title) =>
            text.Length <= limit ? text : throw Refuse(sheet, row, "PlanImport_XlsxTooLong", limit);

        private void Distinct(IEnumerable<(int Row, int Value)> values, string sheet, string column)
        {
            var seen = new HashSet<int>();
            foreach (var (row, value) in values)
            {
                if (!seen.Add(value))
                {
                    throw Refuse(sheet, row, "PlanImport_XlsxDuplicate", column, value);
                }
            }
        }

        private PlanFormatException Refuse(string sheet, int row, string key, params object?[] args) =>
            new(sourceName, 0, new Message("PlanImport_XlsxAt", sheet, row, new Message(key, args)));
    }
}
