using EduPlan.Core.Messages;

namespace EduPlan.Application;

/// <summary>How a use case ended. Web maps each kind to one HTTP answer in one place (Features/Shared/ResultMapping).</summary>
public enum ResultKind
{
    /// <summary>Done: written with its audit entry, or nothing needed writing (<see cref="Result{T}.Changed"/> false), or, for a read, found.</summary>
    Saved,

    /// <summary>Some input breaks a rule; <see cref="Result{T}.Errors"/> says which and why. Nothing was written.</summary>
    Invalid,

    /// <summary>The record does not exist (or no longer does).</summary>
    NotFound,

    /// <summary>Someone else changed the record after the form was read; nothing was written; the value is their version.</summary>
    Conflict,

    /// <summary>Not allowed in the record's present state (a closed quarter, an approved report); <see cref="Result{T}.Reason"/> says why.</summary>
    Refused,

    /// <summary>Not allowed for this user (not their department's task); <see cref="Result{T}.Reason"/> says why.</summary>
    Forbidden,
}

/// <summary>
/// The one outcome type of the use cases. <see cref="Value"/> is what the caller needs whatever happened: the saved
/// record, the current version after a conflict, or what was typed after a refusal, so a page never loses input.
/// </summary>
public sealed record Result<T>
{
    public required ResultKind Kind { get; init; }

    public T? Value { get; init; }

    /// <summary>For <see cref="ResultKind.Invalid"/>: one entry per broken rule, keyed by field ("" for the form as a whole).</summary>
    public IReadOnlyList<FieldError> Errors { get; init; } = [];

    /// <summary>For NotFound, Conflict, Refused and Forbidden: the sentence to show.</summary>
    public Message? Reason { get; init; }

    /// <summary>For <see cref="ResultKind.Saved"/>: false when the input equalled what is stored and nothing was written (no audit entry).</summary>
    public bool Changed { get; init; }

    public bool Succeeded => Kind == ResultKind.Saved;

    /// <summary>
    /// Why a failure failed, one message each: the reason, or else every error (the CLI's and a page summary's view);
    /// at least one for any failure. None for a success.
    /// </summary>
    public IEnumerable<Message> Messages =>
        Succeeded ? []
        : Reason is { } reason ? [reason]
        : Errors.Count > 0 ? Errors.Select(e => e.Message)
        : [new Message("Result_NotDone")];

    public static Result<T> Saved(T value) => new() { Kind = ResultKind.Saved, Value = value, Changed = true };

    /// <summary>A read that found what it looked for (and wrote nothing).</summary>
    public static Result<T> Found(T value) => new() { Kind = ResultKind.Saved, Value = value, Changed = false };

    /// <summary>Succeeded without writing: the request asked for what is already stored.</summary>
    public static Result<T> Unchanged(T value) => new() { Kind = ResultKind.Saved, Value = value, Changed = false };

    public static Result<T> Invalid(IReadOnlyList<FieldError> errors, T? value = default) =>
        new() { Kind = ResultKind.Invalid, Errors = errors, Value = value };

    public static Result<T> Invalid(FieldError error, T? value = default) => Invalid([error], value);

    public static Result<T> NotFound(Message? reason = null) =>
        new() { Kind = ResultKind.NotFound, Reason = reason ?? new Message("Result_NotFound") };

    public static Result<T> Conflict(T? current, Message reason) =>
        new() { Kind = ResultKind.Conflict, Value = current, Reason = reason };

    public static Result<T> Refused(Message reason, T? value = default) =>
        new() { Kind = ResultKind.Refused, Reason = reason, Value = value };

    public static Result<T> Forbidden(Message reason, T? value = default) =>
        new() { Kind = ResultKind.Forbidden, Reason = reason, Value = value };

    /// <summary>The errors of one field.</summary>
    public IEnumerable<FieldError> ErrorsFor(string field) => Errors.Where(e => e.Field == field);

    /// <summary>The same failure for a use case with another value type (a step that failed inside a larger one).</summary>
    public Result<TOther> As<TOther>(TOther? value = default) =>
        new() { Kind = Kind, Errors = Errors, Reason = Reason, Value = value, Changed = Changed };
}
