using System.ComponentModel.DataAnnotations;

namespace EduPlan.Web.Features.Search;

/// <summary>The search form; <see cref="Q"/> is the only thing a search request binds.</summary>
public sealed class SearchQuery
{
    public const int MaxLength = 100;

    [StringLength(MaxLength, ErrorMessage = "SearchTooLong")]
    [Display(Name = "SearchTerm")]
    public string? Q { get; set; }
}

/// <summary>The search page: the form and, when a term was given, what it found.</summary>
public sealed record SearchViewModel(SearchQuery Query, SearchResults? Results);

/// <summary>The hits for one term; <see cref="Total"/> may exceed the hits shown.</summary>
public sealed record SearchResults(string Term, int Total, IReadOnlyList<SearchHit> Hits)
{
    public bool IsTruncated => Total > Hits.Count;
}

public sealed record SearchHit(string PlanCode, string PlanTitle, int TaskNumber, string TaskTitle, SearchSnippet Snippet);

/// <summary>A piece of text around the first match; the view encodes each part and wraps <see cref="Match"/> in &lt;mark&gt;.</summary>
public sealed record SearchSnippet(bool LeadingEllipsis, string Before, string Match, string After, bool TrailingEllipsis)
{
    public const int ContextBefore = 40;
    public const int ContextAfter = 80;

    public static SearchSnippet Around(string text, string term)
    {
        var index = text.IndexOf(term, StringComparison.Ordinal);
        if (index < 0)
        {
            var length = Math.Min(text.Length, ContextBefore + ContextAfter);
            return new SearchSnippet(false, "", "", text[..length], length < text.Length);
        }

        var start = Math.Max(0, index - ContextBefore);
        var afterStart = index + term.Length;
        var end = Math.Min(text.Length, afterStart + ContextAfter);
        return new SearchSnippet(
            start > 0,
            text[start..index],
            text[index..afterStart],
            text[afterStart..end],
            end < text.Length);
    }
}
