using System.Globalization;
using EduPlan.Core.Messages;
using EduPlan.Core.Parsing;
using EduPlan.Core.Plans;
using EduPlan.Data;
using Microsoft.EntityFrameworkCore;

namespace EduPlan.Application.Import;

/// <summary>Writes parsed plans into the database in one transaction, updating rows in place by natural key.</summary>
/// <remarks>
/// Natural keys: plan Code; section and task (plan, Number); milestone (plan, Year); goal (milestone, Number);
/// indicator (plan, Key). Matching rows keep their ids. Tasks, and sections that still hold tasks, are never
/// deleted when they leave the document (progress reports hang off tasks): they get a WithdrawnAt time,
/// cleared again when they come back. Indicators that reports hold values for, or that are linked to tasks, are
/// kept the same way. Milestones, goals and other indicators that leave are deleted. A plan whose
/// <see cref="ParsedPlan.ContentHash"/> equals the stored one is skipped untouched.
/// </remarks>
public sealed class PlanImporter(EduPlanDbContext db, TimeProvider clock)
{
    /// <summary>
    /// Imports every plan of <paramref name="documents"/> (parents before children) and saves once. On any
    /// failure nothing is written, the change tracker is cleared and the exception propagates.
    /// </summary>
    public Task<ImportReport> ImportAsync(IReadOnlyList<ParsedDocument> documents, CancellationToken cancellationToken = default) =>
        ImportAsync(documents, dryRun: false, cancellationToken);

    /// <summary>
    /// As <see cref="ImportAsync(IReadOnlyList{ParsedDocument}, CancellationToken)"/>; with <paramref name="dryRun"/> every
    /// rule runs and the report says what would change, but nothing is saved and the change tracker is cleared (the
    /// preview of a re-import and <c>import --dry-run</c>).
    /// </summary>
    public async Task<ImportReport> ImportAsync(IReadOnlyList<ParsedDocument> documents, bool dryRun, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(documents);
        cancellationToken.ThrowIfCancellationRequested();

        var incoming = Flatten(documents);
        var importedAt = clock.GetUtcNow();
        var warnings = new List<Message>();
        foreach (var document in documents)
        {
            warnings.AddRange(document.Warnings.Select(w => new Message("Import_FileWarning", SourceFileName(document.SourceName), w)));
        }

        // Joins a transaction the caller already opened, so the caller decides when it commits.
        // A dry run writes nothing, so it takes no write lock either.
        var transaction = !dryRun && db.Database.CurrentTransaction is null
            ? await db.Database.BeginTransactionAsync(cancellationToken)
            : null;
        try
        {
            var codes = incoming.Select(p => p.Plan.Code)
                .Concat(incoming.Select(p => p.Plan.ParentCode).OfType<string>())
                .Distinct()
                .ToList();
            // With their parents, so a report can name the parent a plan had (which may not be part of this import).
            var stored = await db.Plans.Include(p => p.Parent)
                .Where(p => codes.Contains(p.Code))
                .ToDictionaryAsync(p => p.Code, StringComparer.Ordinal, cancellationToken);

            var summaries = new List<PlanImportSummary>();
            var changes = new List<string>();
            var details = new List<ImportChange>();
            foreach (var item in incoming)
            {
                var context = new PlanChanges(item.Plan.Code, importedAt, changes, warnings, details);
                summaries.Add(await ImportPlanAsync(item, stored, context, cancellationToken));
            }

            if (dryRun)
            {
                db.ChangeTracker.Clear();
                return new ImportReport(summaries, changes, warnings) { Details = details };
            }

            await db.SaveChangesAsync(cancellationToken);
            if (transaction is not null)
            {
                await transaction.CommitAsync(cancellationToken);
            }

            return new ImportReport(summaries, changes, warnings) { Details = details };
        }
        catch
        {
            // The tracked entities describe writes that never happened; leave the context clean for the caller.
            db.ChangeTracker.Clear();
            throw;
        }
        finally
        {
            if (transaction is not null)
            {
                await transaction.DisposeAsync();
            }
        }
    }

    private async Task<PlanImportSummary> ImportPlanAsync(
        IncomingPlan item, Dictionary<string, Plan> stored, PlanChanges changes, CancellationToken cancellationToken)
    {
        var parsed = item.Plan;
        stored.TryGetValue(parsed.Code, out var plan);
        Plan? parent = null;
        if (parsed.ParentCode is { } parentCode && !stored.TryGetValue(parentCode, out parent))
        {
            changes.Warn(new Message("Import_ParentMissing", parsed.Code, parentCode));
        }

        // A parent added in this same call has no id yet, so its child cannot already point at it.
        var parentMatches = parent is null ? plan?.ParentId is null : parent.Id != 0 && plan?.ParentId == parent.Id;
        if (plan is not null && parsed.ContentHash.Length > 0 && plan.ContentHash == parsed.ContentHash && parentMatches)
        {
            return Summary(parsed, changes, unchanged: true);
        }

        if (plan is null)
        {
            plan = new Plan
            {
                Code = parsed.Code,
                Title = parsed.Title,
                Issuer = parsed.Issuer,
                IsDraft = parsed.IsDraft,
            };
            ApplyPlanFields(plan, item, parent, changes);
            db.Plans.Add(plan);
            stored[plan.Code] = plan;
            changes.PlanAdded(parsed.Code,
                $"{parsed.Code}: added ({parsed.Sections.Count} sections, {parsed.Tasks.Count()} tasks, {parsed.Milestones.Count} milestones, " +
                $"{parsed.Milestones.Sum(m => m.Goals.Count)} goals, {parsed.Indicators.Count} indicators)");

            // A new plan is an existing one with no rows yet, so each kind of row is built in one place.
            MergeRows(plan, parsed, StoredRows.None, changes);
            return Summary(parsed, changes, unchanged: false);
        }

        var planFields = ApplyPlanFields(plan, item, parent, changes);
        changes.Updated(ImportItem.Plan, parsed.Code, parsed.Code, planFields);

        // A handful of set-based queries per changed plan; rows are then matched in memory.
        var planId = plan.Id;
        // Each indicator comes with whether reports hold values for it (the foreign key forbids deleting it then) or
        // someone linked it to a task; the entities in the projection are tracked like any others.
        var indicators = await db.Indicators.Where(i => i.PlanId == planId)
            .Select(i => new
            {
                Indicator = i,
                InUse = db.ReportIndicatorValues.Any(v => v.IndicatorId == i.Id) || db.IndicatorTaskLinks.Any(l => l.IndicatorId == i.Id),
            })
            .ToListAsync(cancellationToken);
        var rows = new StoredRows(
            await db.Sections.Where(s => s.PlanId == planId).ToListAsync(cancellationToken),
            await db.Tasks.Where(t => t.PlanId == planId).ToListAsync(cancellationToken),
            await db.Milestones.Where(m => m.PlanId == planId).ToListAsync(cancellationToken),
            await db.Goals.Where(g => g.Milestone!.PlanId == planId).ToListAsync(cancellationToken),
            indicators.Select(i => i.Indicator).ToList(),
            indicators.Where(i => i.InUse).Select(i => i.Indicator.Id).ToHashSet());
        MergeRows(plan, parsed, rows, changes);

        return Summary(parsed, changes, unchanged: false);
    }

    private void MergeRows(Plan plan, ParsedPlan parsed, StoredRows rows, PlanChanges changes)
    {
        var tasksByNumber = MergeSectionsAndTasks(plan, parsed, rows.Sections, rows.Tasks, changes);
        var milestonesByYear = MergeMilestonesAndGoals(plan, parsed, rows.Milestones, rows.Goals, changes);
        MergeIndicators(plan, parsed, rows.Indicators, rows.IndicatorsInUse, tasksByNumber, milestonesByYear, changes);
    }

    /// <summary>Copies the plan's own fields; returns what changed, in words, for the report.</summary>
    private static FieldChanges ApplyPlanFields(Plan plan, IncomingPlan item, Plan? parent, PlanChanges changes)
    {
        var parsed = item.Plan;
        var fields = new FieldChanges();
        Set(plan.Title, parsed.Title, v => plan.Title = v, ImportField.Title, "title changed", fields);
        Set(plan.Issuer, parsed.Issuer, v => plan.Issuer = v, ImportField.Issuer, "issuer changed", fields);
        SetShown(plan.IssuedOn, parsed.IssuedOn, v => plan.IssuedOn = v, ImportField.IssuedOn, "issued", fields);
        SetShown(plan.StartYear, parsed.StartYear, v => plan.StartYear = v, ImportField.StartYear, "start year", fields);
        SetShown(plan.EndYear, parsed.EndYear, v => plan.EndYear = v, ImportField.EndYear, "end year", fields);
        Set(plan.Preamble, parsed.Preamble, v => plan.Preamble = v, ImportField.Preamble, "preamble changed", fields);
        SetShown(plan.IsDraft, parsed.IsDraft, v => plan.IsDraft = v, ImportField.Draft, "draft", fields);

        var parentChanged = parent is null ? plan.ParentId is not null : parent.Id == 0 || plan.ParentId != parent.Id;
        if (parentChanged)
        {
            // Stored plans are loaded with their parent, so the old parent has a code even when it is not imported now.
            fields.Add(ImportField.Parent, $"parent {plan.Parent?.Code ?? "(none)"} → {parent?.Code ?? "(none)"}");
        }

        plan.Parent = parent;
        if (parent is null || parent.Id != 0)
        {
            plan.ParentId = parent?.Id;
        }
        plan.SortOrder = item.SortOrder;
        plan.SourceName = SourceFileName(item.SourceName);
        plan.ContentHash = parsed.ContentHash;
        plan.ImportedAt = changes.ImportedAt;
        return fields;
    }

    /// <summary>
    /// Merges sections and tasks by number; returns the plan's current tasks (those in the document) by number.
    /// Rows that left the document are kept and marked withdrawn, except sections that no longer hold any task.
    /// </summary>
    private Dictionary<int, PlanTask> MergeSectionsAndTasks(
        Plan plan, ParsedPlan parsed, List<Section> sections, List<PlanTask> tasks, PlanChanges changes)
    {
        var sectionsByNumber = sections.ToDictionary(s => s.Number);
        var tasksByNumber = tasks.ToDictionary(t => t.Number);
        var current = new Dictionary<int, PlanTask>();
        var seenSections = new HashSet<int>();

        foreach (var parsedSection in parsed.Sections)
        {
            seenSections.Add(parsedSection.Number);
            if (!sectionsByNumber.TryGetValue(parsedSection.Number, out var section))
            {
                section = new Section
                {
                    Plan = plan,
                    Number = parsedSection.Number,
                    Title = parsedSection.Title,
                    Text = parsedSection.Text,
                    Label = parsedSection.Label,
                    Part = parsedSection.Part,
                };
                db.Sections.Add(section);
                sectionsByNumber.Add(section.Number, section);
                changes.RowAdded(ImportItem.Section, Key(section.Number), $"{plan.Code} section {section.Number}: added");
            }
            else
            {
                var fields = new FieldChanges();
                Reinstate(section.WithdrawnAt, () => section.WithdrawnAt = null, fields);
                Set(section.Title, parsedSection.Title, v => section.Title = v, ImportField.Title, "title changed", fields);
                Set(section.Text, parsedSection.Text, v => section.Text = v, ImportField.Text, "text changed", fields);
                Set(section.Label, parsedSection.Label, v => section.Label = v, ImportField.Label, "label changed", fields);
                SetShown(section.Part, parsedSection.Part, v => section.Part = v, ImportField.Part, "part", fields);
                changes.Updated(ImportItem.Section, Key(section.Number), $"{plan.Code} section {section.Number}", fields);
            }

            foreach (var parsedTask in parsedSection.Tasks)
            {
                if (!tasksByNumber.TryGetValue(parsedTask.Number, out var task))
                {
                    task = new PlanTask
                    {
                        Plan = plan,
                        Section = section,
                        Number = parsedTask.Number,
                        Title = parsedTask.Title,
                        Text = parsedTask.Text,
                        Label = parsedTask.Label,
                    };
                    db.Tasks.Add(task);
                    tasks.Add(task);
                    current.Add(task.Number, task);
                    changes.RowAdded(ImportItem.Task, Key(task.Number), $"{plan.Code} task {task.Number}: added");
                    continue;
                }

                current.Add(task.Number, task);
                var fields = new FieldChanges();
                Reinstate(task.WithdrawnAt, () => task.WithdrawnAt = null, fields);
                Set(task.Title, parsedTask.Title, v => task.Title = v, ImportField.Title, "title changed", fields);
                Set(task.Text, parsedTask.Text, v => task.Text = v, ImportField.Text, "text changed", fields);
                Set(task.Label, parsedTask.Label, v => task.Label = v, ImportField.Label, "label changed", fields);
                if (!ReferenceEquals(task.Section, section))
                {
                    fields.Add(ImportField.Section, $"moved from section {task.Section?.Number} to section {section.Number}");
                    task.Section = section;
                }

                changes.Updated(ImportItem.Task, Key(task.Number), $"{plan.Code} task {task.Number}", fields);
            }
        }

        // Already withdrawn rows keep the time they left and are not reported again.
        foreach (var task in tasks.Where(t => !current.ContainsKey(t.Number) && t.WithdrawnAt is null).OrderBy(t => t.Number))
        {
            task.WithdrawnAt = changes.ImportedAt;
            changes.Withdrawn(ImportItem.Task, Key(task.Number), new Message("Import_TaskWithdrawn", task.Number, plan.Code));
        }

        foreach (var section in sections.Where(s => !seenSections.Contains(s.Number)).OrderBy(s => s.Number))
        {
            if (tasks.Any(t => ReferenceEquals(t.Section, section)))
            {
                if (section.WithdrawnAt is null)
                {
                    section.WithdrawnAt = changes.ImportedAt;
                    changes.Withdrawn(ImportItem.Section, Key(section.Number), new Message("Import_SectionWithdrawn", section.Number, plan.Code));
                }

                continue;
            }

            db.Sections.Remove(section);
            changes.RowRemoved(ImportItem.Section, Key(section.Number), $"{plan.Code} section {section.Number}: removed");
            changes.Removed++;
        }

        return current;
    }

    private Dictionary<int, Milestone> MergeMilestonesAndGoals(
        Plan plan, ParsedPlan parsed, List<Milestone> milestones, List<Goal> goals, PlanChanges changes)
    {
        var milestonesByYear = milestones.ToDictionary(m => m.Year);
        var goalsByKey = goals.ToDictionary(g => (g.MilestoneId, g.Number));
        var seenYears = new HashSet<int>();

        foreach (var parsedMilestone in parsed.Milestones)
        {
            seenYears.Add(parsedMilestone.Year);
            if (!milestonesByYear.TryGetValue(parsedMilestone.Year, out var milestone))
            {
                milestone = new Milestone { Plan = plan, Year = parsedMilestone.Year, Text = parsedMilestone.Text };
                foreach (var parsedGoal in parsedMilestone.Goals)
                {
                    milestone.Goals.Add(NewGoal(milestone, parsedGoal));
                }

                db.Milestones.Add(milestone);
                milestonesByYear.Add(milestone.Year, milestone);
                changes.RowAdded(
                    ImportItem.Milestone,
                    Key(milestone.Year),
                    milestone.Goals.Count == 0
                        ? $"{plan.Code} milestone {milestone.Year}: added"
                        : $"{plan.Code} milestone {milestone.Year}: added with {milestone.Goals.Count} goals",
                    rows: 1 + milestone.Goals.Count);
                continue;
            }

            var fields = new FieldChanges();
            Set(milestone.Text, parsedMilestone.Text, v => milestone.Text = v, ImportField.Text, "text changed", fields);
            changes.Updated(ImportItem.Milestone, Key(milestone.Year), $"{plan.Code} milestone {milestone.Year}", fields);

            var seenGoals = new HashSet<int>();
            foreach (var parsedGoal in parsedMilestone.Goals)
            {
                seenGoals.Add(parsedGoal.Number);
                var label = $"{plan.Code} milestone {milestone.Year} goal {parsedGoal.Number}";
                if (!goalsByKey.TryGetValue((milestone.Id, parsedGoal.Number), out var goal))
                {
                    db.Goals.Add(NewGoal(milestone, parsedGoal));
                    changes.RowAdded(ImportItem.Goal, GoalKey(milestone.Year, parsedGoal.Number), $"{label}: added");
                    continue;
                }

                var goalFields = new FieldChanges();
                Set(goal.Title, parsedGoal.Title, v => goal.Title = v, ImportField.Title, "title changed", goalFields);
                Set(goal.Text, parsedGoal.Text, v => goal.Text = v, ImportField.Text, "text changed", goalFields);
                changes.Updated(ImportItem.Goal, GoalKey(milestone.Year, parsedGoal.Number), label, goalFields);
            }

            foreach (var goal in goals.Where(g => g.MilestoneId == milestone.Id && !seenGoals.Contains(g.Number)).OrderBy(g => g.Number))
            {
                db.Goals.Remove(goal);
                changes.RowRemoved(ImportItem.Goal, GoalKey(milestone.Year, goal.Number), $"{plan.Code} milestone {milestone.Year} goal {goal.Number}: removed");
                changes.Removed++;
            }
        }

        foreach (var milestone in milestones.Where(m => !seenYears.Contains(m.Year)).OrderBy(m => m.Year))
        {
            var goalCount = goals.Count(g => g.MilestoneId == milestone.Id);
            foreach (var goal in goals.Where(g => g.MilestoneId == milestone.Id))
            {
                db.Goals.Remove(goal);
            }

            db.Milestones.Remove(milestone);
            milestonesByYear.Remove(milestone.Year);
            changes.RowRemoved(ImportItem.Milestone, Key(milestone.Year), goalCount == 0
                ? $"{plan.Code} milestone {milestone.Year}: removed"
                : $"{plan.Code} milestone {milestone.Year}: removed with {goalCount} goals");
            changes.Removed += 1 + goalCount;
        }

        return milestonesByYear;
    }

    private void MergeIndicators(
        Plan plan,
        ParsedPlan parsed,
        List<Indicator> indicators,
        HashSet<int> indicatorsInUse,
        Dictionary<int, PlanTask> tasksByNumber,
        Dictionary<int, Milestone> milestonesByYear,
        PlanChanges changes)
    {
        var byKey = indicators.ToDictionary(i => i.Key, StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var parsedIndicator in parsed.Indicators)
        {
            seen.Add(parsedIndicator.Key);
            var label = $"{plan.Code} indicator {parsedIndicator.Key}";
            if (!byKey.TryGetValue(parsedIndicator.Key, out var indicator))
            {
                indicator = new Indicator
                {
                    Plan = plan,
                    Key = parsedIndicator.Key,
                    Name = parsedIndicator.Name,
                    Unit = parsedIndicator.Unit,
                    SourceText = parsedIndicator.SourceText,
                };
                ApplyIndicatorFields(indicator, parsedIndicator, tasksByNumber, milestonesByYear, changes);
                db.Indicators.Add(indicator);
                changes.RowAdded(ImportItem.Indicator, parsedIndicator.Key, $"{label}: added");
                continue;
            }

            var fields = new FieldChanges();
            Reinstate(indicator.WithdrawnAt, () => indicator.WithdrawnAt = null, fields);
            fields.AddRange(ApplyIndicatorFields(indicator, parsedIndicator, tasksByNumber, milestonesByYear, changes));
            changes.Updated(ImportItem.Indicator, parsedIndicator.Key, label, fields);
        }

        foreach (var indicator in indicators.Where(i => !seen.Contains(i.Key)).OrderBy(i => i.Key, StringComparer.Ordinal))
        {
            if (indicatorsInUse.Contains(indicator.Id))
            {
                // Already withdrawn ones keep the time they left and are not reported again.
                if (indicator.WithdrawnAt is null)
                {
                    indicator.WithdrawnAt = changes.ImportedAt;
                    changes.Withdrawn(ImportItem.Indicator, indicator.Key, new Message("Import_IndicatorWithdrawn", indicator.Key, plan.Code));
                }

                continue;
            }

            db.Indicators.Remove(indicator);
            changes.RowRemoved(ImportItem.Indicator, indicator.Key, $"{plan.Code} indicator {indicator.Key}: removed");
            changes.Removed++;
        }
    }

    /// <param name="tasksByNumber">The plan's current tasks: an indicator never links to a withdrawn one.</param>
    private static FieldChanges ApplyIndicatorFields(
        Indicator indicator,
        ParsedIndicator parsed,
        Dictionary<int, PlanTask> tasksByNumber,
        Dictionary<int, Milestone> milestonesByYear,
        PlanChanges changes)
    {
        var fields = new FieldChanges();
        Set(indicator.Name, parsed.Name, v => indicator.Name = v, ImportField.Name, "name changed", fields);
        if (indicator.Comparator != parsed.Comparator)
        {
            fields.Add(ImportField.Comparator, $"comparator {indicator.Comparator.ToDisplay()} → {parsed.Comparator.ToDisplay()}");
            indicator.Comparator = parsed.Comparator;
        }

        if (indicator.Target != parsed.Target)
        {
            fields.Add(ImportField.Target, $"target {Number(indicator.Target)} → {Number(parsed.Target)}");
            indicator.Target = parsed.Target;
        }

        SetShown(indicator.Unit, parsed.Unit, v => indicator.Unit = v, ImportField.Unit, "unit", fields);
        SetShown(indicator.Year, parsed.Year, v => indicator.Year = v, ImportField.Year, "year", fields);
        Set(indicator.SourceText, parsed.SourceText, v => indicator.SourceText = v, ImportField.SourceText, "source text changed", fields);
        SetShown(indicator.Baseline, parsed.Baseline, v => indicator.Baseline = v, ImportField.Baseline, "baseline", fields);
        SetShown(indicator.BaselineYear, parsed.BaselineYear, v => indicator.BaselineYear = v, ImportField.Baseline, "baseline year", fields);

        PlanTask? task = null;
        if (parsed.TaskNumber is { } taskNumber && !tasksByNumber.TryGetValue(taskNumber, out task))
        {
            changes.Warn(new Message("Import_IndicatorTaskMissing", parsed.Key, changes.PlanCode, taskNumber));
        }

        if (!ReferenceEquals(indicator.Task, task))
        {
            if (indicator.Id != 0)
            {
                fields.Add(ImportField.Task, $"task {indicator.Task?.Number.ToString(CultureInfo.InvariantCulture) ?? "(none)"} → {task?.Number.ToString(CultureInfo.InvariantCulture) ?? "(none)"}");
            }

            indicator.Task = task;
            if (task is null || task.Id != 0)
            {
                indicator.TaskId = task?.Id;
            }
        }

        Milestone? milestone = null;
        if (parsed.MilestoneYear is { } year && !milestonesByYear.TryGetValue(year, out milestone))
        {
            changes.Warn(new Message("Import_IndicatorMilestoneMissing", parsed.Key, changes.PlanCode, year));
        }

        if (!ReferenceEquals(indicator.Milestone, milestone))
        {
            if (indicator.Id != 0)
            {
                fields.Add(ImportField.Milestone, $"milestone {indicator.Milestone?.Year.ToString(CultureInfo.InvariantCulture) ?? "(none)"} → {milestone?.Year.ToString(CultureInfo.InvariantCulture) ?? "(none)"}");
            }

            indicator.Milestone = milestone;
            if (milestone is null || milestone.Id != 0)
            {
                indicator.MilestoneId = milestone?.Id;
            }
        }

        return fields;
    }

    private static Goal NewGoal(Milestone milestone, ParsedGoal parsed) =>
        new() { Milestone = milestone, Number = parsed.Number, Title = parsed.Title, Text = parsed.Text };

    /// <summary>Clears the withdrawn mark of a row that is back in the document.</summary>
    private static void Reinstate(DateTimeOffset? withdrawnAt, Action clear, FieldChanges fields)
    {
        if (withdrawnAt is not null)
        {
            clear();
            fields.Add(ImportField.BackInDocument, "back in the document");
        }
    }

    private static void Set(string current, string value, Action<string> assign, ImportField field, string change, FieldChanges fields)
    {
        if (!string.Equals(current, value, StringComparison.Ordinal))
        {
            assign(value);
            fields.Add(field, change);
        }
    }

    private static void SetShown<T>(T current, T value, Action<T> assign, ImportField field, string name, FieldChanges fields)
    {
        if (!EqualityComparer<T>.Default.Equals(current, value))
        {
            assign(value);
            fields.Add(field, $"{name} {Shown(current)} → {Shown(value)}");
        }
    }

    private static string Key(int number) => number.ToString(CultureInfo.InvariantCulture);

    private static string GoalKey(int year, int number) => $"{Key(year)}/{Key(number)}";

    private static string Shown<T>(T value) => value switch
    {
        null => "(none)",
        string s when s.Length == 0 => "(none)",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "(none)",
    };

    private static string Number(decimal value) => value.ToString("0.####", CultureInfo.InvariantCulture);

    private static string SourceFileName(string sourceName) =>
        Path.GetFileName(sourceName.Replace('\\', '/')) is { Length: > 0 } name ? name : sourceName;

    private static PlanImportSummary Summary(ParsedPlan parsed, PlanChanges changes, bool unchanged) => new(
        parsed.Code,
        parsed.Title,
        parsed.Sections.Count,
        parsed.Tasks.Count(),
        parsed.Milestones.Count,
        parsed.Milestones.Sum(m => m.Goals.Count),
        parsed.Indicators.Count,
        changes.Added,
        changes.UpdatedRows,
        changes.Removed,
        unchanged);

    /// <summary>Every plan of the call in document order, checked for clashing keys, with parents moved before children.</summary>
    private static List<IncomingPlan> Flatten(IReadOnlyList<ParsedDocument> documents)
    {
        var all = new List<IncomingPlan>();
        var sourceByCode = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var document in documents)
        {
            foreach (var plan in document.Plans)
            {
                if (!sourceByCode.TryAdd(plan.Code, document.SourceName))
                {
                    throw new InvalidOperationException(
                        $"Plan '{plan.Code}' appears twice in this import ({sourceByCode[plan.Code]} and {document.SourceName}).");
                }

                CheckNaturalKeys(plan, document.SourceName);
                all.Add(new IncomingPlan(plan, document.SourceName, all.Count));
            }
        }

        // Stable topological order: a plan waits until its parent (when it is part of this import) is placed.
        var byCode = all.ToDictionary(p => p.Plan.Code, StringComparer.Ordinal);
        var ordered = new List<IncomingPlan>(all.Count);
        var placed = new HashSet<string>(StringComparer.Ordinal);
        var visiting = new HashSet<string>(StringComparer.Ordinal);
        foreach (var plan in all)
        {
            Place(plan);
        }

        return ordered;

        void Place(IncomingPlan plan)
        {
            if (placed.Contains(plan.Plan.Code))
            {
                return;
            }

            if (!visiting.Add(plan.Plan.Code))
            {
                throw new InvalidOperationException($"Plan '{plan.Plan.Code}' is its own ancestor through ParentCode.");
            }

            if (plan.Plan.ParentCode is { } parentCode && byCode.TryGetValue(parentCode, out var parent))
            {
                Place(parent);
            }

            placed.Add(plan.Plan.Code);
            ordered.Add(plan);
        }
    }

    private static void CheckNaturalKeys(ParsedPlan plan, string sourceName)
    {
        Unique(plan.Sections.Select(s => s.Number), "section");
        Unique(plan.Tasks.Select(t => t.Number), "task");
        Unique(plan.Milestones.Select(m => m.Year), "milestone");
        foreach (var milestone in plan.Milestones)
        {
            Unique(milestone.Goals.Select(g => g.Number), $"milestone {milestone.Year} goal");
        }

        Unique(plan.Indicators.Select(i => i.Key), "indicator");

        void Unique<T>(IEnumerable<T> keys, string what)
        {
            var seen = new HashSet<T>();
            foreach (var key in keys)
            {
                if (!seen.Add(key))
                {
                    throw new InvalidOperationException($"{sourceName}: plan '{plan.Code}' has {what} {key} twice.");
                }
            }
        }
    }

    private sealed record IncomingPlan(ParsedPlan Plan, string SourceName, int SortOrder);

    /// <summary>A stored plan's rows, loaded for merging; all empty for a new plan.</summary>
    /// <param name="IndicatorsInUse">Ids of indicators with reported values or task links: kept (withdrawn) when they leave the document.</param>
    private sealed record StoredRows(
        List<Section> Sections, List<PlanTask> Tasks, List<Milestone> Milestones, List<Goal> Goals, List<Indicator> Indicators, HashSet<int> IndicatorsInUse)
    {
        public static StoredRows None => new([], [], [], [], [], []);
    }

    /// <summary>Collects one plan's report lines and row counts.</summary>
    /// <summary>What changed in one row, as words for the report and as fields for the preview.</summary>
    private sealed class FieldChanges : List<string>
    {
        public List<ImportField> Fields { get; } = [];

        public void Add(ImportField field, string text)
        {
            Add(text);
            Fields.Add(field);
        }

        public void AddRange(FieldChanges other)
        {
            base.AddRange(other);
            Fields.AddRange(other.Fields);
        }
    }

    private sealed class PlanChanges(string planCode, DateTimeOffset importedAt, List<string> changes, List<Message> warnings, List<ImportChange> details)
    {
        /// <summary>True once the plan itself was added: its one summary line stands for all its rows.</summary>
        private bool planIsNew;

        public string PlanCode { get; } = planCode;

        public DateTimeOffset ImportedAt { get; } = importedAt;

        public int Added { get; private set; }

        public int UpdatedRows { get; private set; }

        public int Removed { get; set; }

        public void Warn(Message warning) => warnings.Add(warning);

        public void PlanAdded(string code, string line)
        {
            planIsNew = true;
            Added++;
            changes.Add(line);
            details.Add(new ImportChange(PlanCode, ImportItem.Plan, code, ImportChangeKind.Added, []));
        }

        /// <summary>Counts <paramref name="rows"/> new rows; names them in the report unless the whole plan is new.</summary>
        public void RowAdded(ImportItem item, string key, string line, int rows = 1)
        {
            Added += rows;
            if (!planIsNew)
            {
                changes.Add(line);
                details.Add(new ImportChange(PlanCode, item, key, ImportChangeKind.Added, []));
            }
        }

        /// <summary>A row deleted because it left the document (nothing attaches to it); the caller counts the rows.</summary>
        public void RowRemoved(ImportItem item, string key, string line)
        {
            changes.Add(line);
            details.Add(new ImportChange(PlanCode, item, key, ImportChangeKind.Removed, []));
        }

        /// <summary>A row that left the document was marked withdrawn: a warning, and an updated row.</summary>
        public void Withdrawn(ImportItem item, string key, Message warning)
        {
            warnings.Add(warning);
            details.Add(new ImportChange(PlanCode, item, key, ImportChangeKind.Withdrawn, []));
            UpdatedRows++;
        }

        /// <summary>Reports a matched row whose <paramref name="fields"/> changed; nothing when none did.</summary>
        public void Updated(ImportItem item, string key, string label, FieldChanges fields)
        {
            if (fields.Count == 0)
            {
                return;
            }

            changes.Add($"{label}: {string.Join(", ", fields)}");
            details.Add(new ImportChange(PlanCode, item, key, ImportChangeKind.Changed, fields.Fields.Distinct().ToList()));
            UpdatedRows++;
        }
    }
}
