namespace EduPlan.Application.Reporting.History;

/// <summary>
/// A readable comparison of two texts: sentence by sentence (Chinese and Western sentence ends, and line breaks), and
/// inside a sentence that was only edited, character by character, so a changed figure stands out in a long paragraph.
/// </summary>
public static class TextDiff
{
    private const string SentenceEnds = "。！？；!?;";

    /// <summary>A replaced sentence is compared by character only when at least this share of it stayed the same.</summary>
    private const double SimilarEnough = 0.35;

    /// <summary>Longest sentence compared character by character (keeps the work small).</summary>
    private const int MaxCharacterDiffLength = 600;

    /// <summary>The older text with removed runs and the newer text with added runs, both in reading order.</summary>
    public static (IReadOnlyList<DiffPiece> Old, IReadOnlyList<DiffPiece> New) Compare(string? older, string? newer)
    {
        var a = Sentences(older ?? "");
        var b = Sentences(newer ?? "");
        var oldPieces = new List<DiffPiece>();
        var newPieces = new List<DiffPiece>();
        var removed = new List<string>();
        var added = new List<string>();

        void Flush()
        {
            // Pair removed and added sentences in order: an edited sentence is compared by character.
            var pairs = Math.Min(removed.Count, added.Count);
            for (var i = 0; i < pairs; i++)
            {
                Characters(removed[i], added[i], oldPieces, newPieces);
            }

            oldPieces.AddRange(removed.Skip(pairs).Select(s => new DiffPiece(DiffKind.Removed, s)));
            newPieces.AddRange(added.Skip(pairs).Select(s => new DiffPiece(DiffKind.Added, s)));
            removed.Clear();
            added.Clear();
        }

        foreach (var (kind, text) in Lcs(a, b))
        {
            switch (kind)
            {
                case DiffKind.Removed:
                    removed.Add(text);
                    break;
                case DiffKind.Added:
                    added.Add(text);
                    break;
                default:
                    Flush();
                    oldPieces.Add(new DiffPiece(DiffKind.Same, text));
                    newPieces.Add(new DiffPiece(DiffKind.Same, text));
                    break;
            }
        }

        Flush();
        return (Merge(oldPieces), Merge(newPieces));
    }

    /// <summary>Splits after each sentence end and around each line break, keeping them, so joining the parts gives the text back.</summary>
    public static IReadOnlyList<string> Sentences(string text)
    {
        var parts = new List<string>();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n')
            {
                // A line break is a part of its own, so the last line (which has none) still equals itself elsewhere.
                if (i > start)
                {
                    parts.Add(text[start..i]);
                }

                parts.Add("\n");
                start = i + 1;
            }
            else if (SentenceEnds.Contains(text[i], StringComparison.Ordinal))
            {
                parts.Add(text[start..(i + 1)]);
                start = i + 1;
            }
        }

        if (start < text.Length)
        {
            parts.Add(text[start..]);
        }

        return parts;
    }

    private static void Characters(string older, string newer, List<DiffPiece> oldPieces, List<DiffPiece> newPieces)
    {
        if (older.Length <= MaxCharacterDiffLength && newer.Length <= MaxCharacterDiffLength)
        {
            // By code point, so a character outside the BMP is never split in two.
            var steps = Lcs(older.EnumerateRunes().Select(r => r.ToString()).ToList(), newer.EnumerateRunes().Select(r => r.ToString()).ToList());
            var same = steps.Count(s => s.Kind == DiffKind.Same);
            if (same >= SimilarEnough * Math.Max(older.Length, newer.Length))
            {
                foreach (var (kind, text) in steps)
                {
                    if (kind != DiffKind.Added)
                    {
                        oldPieces.Add(new DiffPiece(kind, text));
                    }

                    if (kind != DiffKind.Removed)
                    {
                        newPieces.Add(new DiffPiece(kind, text));
                    }
                }

                return;
            }
        }

        oldPieces.Add(new DiffPiece(DiffKind.Removed, older));
        newPieces.Add(new DiffPiece(DiffKind.Added, newer));
    }

    /// <summary>The classic longest-common-subsequence edit script, removals before additions at each point.</summary>
    private static List<(DiffKind Kind, string Text)> Lcs(IReadOnlyList<string> a, IReadOnlyList<string> b)
    {
        var lengths = new int[a.Count + 1, b.Count + 1];
        for (var i = a.Count - 1; i >= 0; i--)
        {
            for (var j = b.Count - 1; j >= 0; j--)
            {
                lengths[i, j] = a[i] == b[j] ? lengths[i + 1, j + 1] + 1 : Math.Max(lengths[i + 1, j], lengths[i, j + 1]);
            }
        }

        var steps = new List<(DiffKind, string)>();
        int x = 0, y = 0;
        while (x < a.Count && y < b.Count)
        {
            if (a[x] == b[y])
            {
                steps.Add((DiffKind.Same, a[x++]));
                y++;
            }
            else if (lengths[x + 1, y] >= lengths[x, y + 1])
            {
                steps.Add((DiffKind.Removed, a[x++]));
            }
            else
            {
                steps.Add((DiffKind.Added, b[y++]));
            }
        }

        while (x < a.Count)
        {
            steps.Add((DiffKind.Removed, a[x++]));
        }

        while (y < b.Count)
        {
            steps.Add((DiffKind.Added, b[y++]));
        }

        return steps;
    }

    /// <summary>Joins neighbouring runs of the same kind, so the page marks whole words rather than single characters.</summary>
    private static List<DiffPiece> Merge(List<DiffPiece> pieces)
    {
        var merged = new List<DiffPiece>();
        foreach (var piece in pieces)
        {
            if (merged.Count > 0 && merged[^1].Kind == piece.Kind)
            {
                merged[^1] = merged[^1] with { Text = merged[^1].Text + piece.Text };
            }
            else if (piece.Text.Length > 0)
            {
                merged.Add(piece);
            }
        }

        return merged;
    }
}
