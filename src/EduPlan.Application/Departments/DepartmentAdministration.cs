using EduPlan.Application.Auditing;
using EduPlan.Core.Auditing;
using EduPlan.Core.Csv;
using EduPlan.Core.Messages;
using EduPlan.Core.Organisation;
using EduPlan.Core.Ownership;
using EduPlan.Core.Text;
using EduPlan.Data;
using Microsoft.EntityFrameworkCore;

namespace EduPlan.Application.Departments;

/// <summary>
/// Departments (责任单位): create, change, deactivate and delete, with the rules and audit entries the pages and the CLI
/// share (reading them is <see cref="DepartmentQueries"/>'). Every change is checked against <see cref="Department.Version"/>,
/// so a stale form never overwrites.
/// </summary>
public sealed class DepartmentAdministration(EduPlanDbContext db, AuditLog audit, DepartmentQueries queries)
{
    public const int NameMaxLength = 200;
    public const int ShortNameMaxLength = 64;

    public async Task<Result<DepartmentSummary>> CreateAsync(DepartmentInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        input = Normalise(input);
        var errors = await ValidateAsync(null, input, cancellationToken);
        if (errors.Count > 0)
        {
            return Result<DepartmentSummary>.Invalid(errors);
        }

        var department = new Department
        {
            Name = input.Name,
            ShortName = input.ShortName,
            Kind = input.Kind,
            ParentId = input.ParentId,
            IsActive = input.IsActive,
        };

        // The audit entry names the new id, which exists only after the insert: both go in one transaction.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.Departments.Add(department);
        if (await SaveOrDuplicateAsync(null, input, cancellationToken) is { } duplicate)
        {
            return duplicate;
        }

        audit.Add(AuditActions.DepartmentCreated, AuditOutcome.Success, AuditTarget.Department(department.Id, department.Name),
            new { after = await SnapshotAsync(department, cancellationToken) });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Result<DepartmentSummary>.Saved((await queries.GetAsync(department.Id, cancellationToken))!);
    }

    /// <summary>Renames, re-kinds, moves or (de)activates a department read at <paramref name="expectedVersion"/>.</summary>
    public async Task<Result<DepartmentSummary>> UpdateAsync(int id, int expectedVersion, DepartmentInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var department = await db.Departments.SingleOrDefaultAsync(d => d.Id == id, cancellationToken);
        if (department is null)
        {
            return DepartmentResults.NotFound();
        }

        if (department.Version != expectedVersion)
        {
            return DepartmentResults.Conflict(await queries.GetAsync(id, cancellationToken));
        }

        input = Normalise(input);
        var errors = await ValidateAsync(id, input, cancellationToken);
        if (errors.Count > 0)
        {
            return Result<DepartmentSummary>.Invalid(errors);
        }

        if (department.Name == input.Name && department.ShortName == input.ShortName && department.Kind == input.Kind
            && department.ParentId == input.ParentId && department.IsActive == input.IsActive)
        {
            return Result<DepartmentSummary>.Unchanged((await queries.GetAsync(id, cancellationToken))!);
        }

        var before = await SnapshotAsync(department, cancellationToken);
        department.Name = input.Name;
        department.ShortName = input.ShortName;
        department.Kind = input.Kind;
        department.ParentId = input.ParentId;
        department.IsActive = input.IsActive;
        return await SaveChangeAsync(department, expectedVersion, before, input, cancellationToken);
    }

    /// <summary>Deactivates (停用) or reactivates a department; nothing else about it changes.</summary>
    public async Task<Result<DepartmentSummary>> SetActiveAsync(int id, int expectedVersion, bool isActive, CancellationToken cancellationToken = default)
    {
        var department = await db.Departments.AsNoTracking().SingleOrDefaultAsync(d => d.Id == id, cancellationToken);
        if (department is null)
        {
            return DepartmentResults.NotFound();
        }

        return await UpdateAsync(id, expectedVersion,
            new DepartmentInput(department.Name, department.ShortName, department.Kind, department.ParentId, isActive), cancellationToken);
    }

    /// <summary>Deletes a department nothing depends on (the value is the department as it was); otherwise refuses and says what still depends on it.</summary>
    public async Task<Result<DepartmentSummary>> DeleteAsync(int id, int expectedVersion, CancellationToken cancellationToken = default)
    {
        var department = await db.Departments.SingleOrDefaultAsync(d => d.Id == id, cancellationToken);
        if (department is null)
        {
            return DepartmentResults.NotFound();
        }

        var summary = (await queries.GetAsync(id, cancellationToken))!;
        if (department.Version != expectedVersion)
        {
            return DepartmentResults.Conflict(summary);
        }

        if (summary.Usage.IsInUse)
        {
            return Result<DepartmentSummary>.Refused(RefusalReason(summary.Usage), summary);
        }

        // A coordinator's period exceptions for the department go with it (the database cascades); the entry says how many.
        var exceptions = await db.ReportingPeriodOverrides.CountAsync(o => o.DepartmentId == id, cancellationToken);
        db.Entry(department).Property(d => d.Version).OriginalValue = expectedVersion;
        db.Departments.Remove(department);
        var before = await SnapshotAsync(department, cancellationToken);
        audit.Add(AuditActions.DepartmentDeleted, AuditOutcome.Success, AuditTarget.Department(department.Id, department.Name),
            exceptions == 0 ? new { before } : (object)new { before, periodExceptionsRemoved = exceptions });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return DepartmentResults.Conflict(await queries.GetAsync(id, cancellationToken));
        }
        catch (DbUpdateException)
        {
            // A user, task or report took the department between the count and the delete: the foreign keys refused it.
            db.ChangeTracker.Clear();
            var current = await queries.GetAsync(id, cancellationToken);
            if (current is null || !current.Usage.IsInUse)
            {
                throw;
            }

            return Result<DepartmentSummary>.Refused(RefusalReason(current.Usage), current);
        }

        return Result<DepartmentSummary>.Saved(summary);
    }

    /// <summary>
    /// "该单位仍有3名用户、牵头2项任务，不能删除；可将其停用。" Users and reports are nouns (有…); tasks and sub-units are verbs
    /// (牵头…, 参与…, 下设…), so without users the sentence reads 该单位仍牵头1项任务, and with reports only
    /// 该单位仍有12份进展报告，不能删除；可将其停用。
    /// </summary>
    public static Message RefusalReason(DepartmentUsage usage)
    {
        ArgumentNullException.ThrowIfNull(usage);
        var parts = new List<Message>();
        if (usage.Users > 0)
        {
            parts.Add(new Message("Department_InUse_Users", usage.Users));
        }

        if (usage.LeadTasks > 0)
        {
            parts.Add(new Message("Department_InUse_LeadTasks", usage.LeadTasks));
        }

        if (usage.CoTasks > 0)
        {
            parts.Add(new Message("Department_InUse_CoTasks", usage.CoTasks));
        }

        if (usage.Children > 0)
        {
            parts.Add(new Message("Department_InUse_Children", usage.Children));
        }

        if (usage.Reports > 0)
        {
            parts.Add(new Message("Department_InUse_Reports", usage.Reports));
        }

        return new Message("Department_InUse", MessageList.Of(parts));
    }

    private static DepartmentInput Normalise(DepartmentInput input) =>
        input with { Name = TextSanitiser.Name(input.Name), ShortName = TextSanitiser.Name(input.ShortName) };

    private async Task<List<FieldError>> ValidateAsync(int? id, DepartmentInput input, CancellationToken cancellationToken)
    {
        var errors = new List<FieldError>();
        CheckName(errors, nameof(DepartmentInput.Name), new Message("DepartmentField_Name"), input.Name, NameMaxLength);
        CheckName(errors, nameof(DepartmentInput.ShortName), new Message("DepartmentField_ShortName"), input.ShortName, ShortNameMaxLength);
        if (!Enum.IsDefined(input.Kind))
        {
            errors.Add(FieldError.Of(nameof(DepartmentInput.Kind), "Department_KindRequired"));
        }

        // Departments are few: reading them all lets the checks compare names case-insensitively on both providers.
        var others = await db.Departments
            .AsNoTracking()
            .Select(d => new { d.Id, d.Name, d.ShortName, d.ParentId })
            .ToListAsync(cancellationToken);

        // A name must not be another department's name or short name, so a lookup by either finds one department.
        // A name already refused (e.g. for an invisible character) is not also reported as taken.
        var nameChecked = !errors.Any(e => e.Field == nameof(DepartmentInput.Name));
        var shortNameChecked = !errors.Any(e => e.Field == nameof(DepartmentInput.ShortName));
        foreach (var other in others.Where(o => o.Id != id))
        {
            if (nameChecked && input.Name.Length > 0 && (Same(other.Name, input.Name) || Same(other.ShortName, input.Name)))
            {
                errors.Add(FieldError.Of(nameof(DepartmentInput.Name), "Department_NameTaken", input.Name, other.Name));
            }

            if (shortNameChecked && input.ShortName.Length > 0 && (Same(other.ShortName, input.ShortName) || Same(other.Name, input.ShortName)))
            {
                errors.Add(FieldError.Of(nameof(DepartmentInput.ShortName), "Department_ShortNameTaken", input.ShortName, other.Name));
            }
        }

        if (input.ParentId is { } parentId)
        {
            var parents = others.ToDictionary(o => o.Id, o => o.ParentId);
            if (!parents.ContainsKey(parentId))
            {
                errors.Add(FieldError.Of(nameof(DepartmentInput.ParentId), "Department_ParentNotFound"));
            }
            else if (parentId == id)
            {
                errors.Add(FieldError.Of(nameof(DepartmentInput.ParentId), "Department_ParentIsItself"));
            }
            else if (id is not null && IsUnder(parentId, id.Value, parents))
            {
                var name = others.Single(o => o.Id == parentId).Name;
                errors.Add(FieldError.Of(nameof(DepartmentInput.ParentId), "Department_ParentIsBelow", name));
            }
        }

        return errors;
    }

    private static void CheckName(List<FieldError> errors, string field, Message label, string value, int maxLength)
    {
        if (value.Length == 0)
        {
            errors.Add(FieldError.Of(field, "Department_FieldRequired", label));
        }
        else if (value.Length > maxLength)
        {
            errors.Add(FieldError.Of(field, "Department_FieldTooLong", label, maxLength, value.Length));
        }
        else if (TextSanitiser.FindFormatCharacter(value) is { } invisible)
        {
            errors.Add(FieldError.Of(field, "Department_FieldHasFormatCharacter", label, invisible));
        }
        else if (value.IndexOfAny(OwnershipCsv.SeparatorCharacters.ToCharArray()) >= 0 || value.Contains('\r'))
        {
            errors.Add(FieldError.Of(field, "Department_FieldHasSeparator", label));
        }
        else if (CsvWriter.StartsLikeFormula(value))
        {
            errors.Add(FieldError.Of(field, "Department_FieldLooksLikeFormula", label));
        }
    }

    /// <summary>Whether two names look alike (see <see cref="TextSanitiser.LookAlikeKey"/>): case, width and invisible characters aside.</summary>
    private static bool Same(string a, string b) => string.Equals(TextSanitiser.LookAlikeKey(a), TextSanitiser.LookAlikeKey(b), StringComparison.Ordinal);

    /// <summary>Whether <paramref name="candidate"/> lies under <paramref name="ancestor"/>; the walk stops on a loop.</summary>
    private static bool IsUnder(int candidate, int ancestor, Dictionary<int, int?> parents)
    {
        var seen = new HashSet<int>();
        for (int? current = candidate; current is { } at && seen.Add(at); current = parents.GetValueOrDefault(at))
        {
            if (at == ancestor)
            {
                return true;
            }
        }

        return false;
    }

    private async Task<Result<DepartmentSummary>> SaveChangeAsync(Department department, int expectedVersion, object before, DepartmentInput input, CancellationToken cancellationToken)
    {
        db.Entry(department).Property(d => d.Version).OriginalValue = expectedVersion;
        department.Version = expectedVersion + 1;
        audit.Add(AuditActions.DepartmentUpdated, AuditOutcome.Success, AuditTarget.Department(department.Id, department.Name),
            new { before, after = await SnapshotAsync(department, cancellationToken) });
        try
        {
            if (await SaveOrDuplicateAsync(department.Id, input, cancellationToken) is { } duplicate)
            {
                return duplicate;
            }
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return DepartmentResults.Conflict(await queries.GetAsync(department.Id, cancellationToken));
        }

        return Result<DepartmentSummary>.Saved((await queries.GetAsync(department.Id, cancellationToken))!);
    }

    /// <summary>Saves; when a unique index refuses the row (someone took the name in between), returns the field error.</summary>
    private async Task<Result<DepartmentSummary>?> SaveOrDuplicateAsync(int? id, DepartmentInput input, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return null;
        }
        catch (DbUpdateException ex) when (ex is not DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            var errors = await ValidateAsync(id, input, cancellationToken);
            if (errors.Count == 0)
            {
                throw;
            }

            return Result<DepartmentSummary>.Invalid(errors);
        }
    }

    private async Task<object> SnapshotAsync(Department department, CancellationToken cancellationToken)
    {
        var parent = department.ParentId is { } parentId
            ? await db.Departments.AsNoTracking().Where(d => d.Id == parentId).Select(d => d.Name).SingleOrDefaultAsync(cancellationToken)
            : null;
        return new
        {
            name = department.Name,
            shortName = department.ShortName,
            kind = DepartmentKinds.ChineseName(department.Kind),
            parent,
            isActive = department.IsActive,
        };
    }
}
