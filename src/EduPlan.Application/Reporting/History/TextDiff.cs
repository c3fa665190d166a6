using System.Text;
using DiffPlex;

namespace EduPlan.Application.Reporting.History;

/// <summary>
/// A readable comparison of two texts: line by line, then inside changed lines sentence by sentence (Chinese and Western
/// sentence ends), and inside a sentence that was only edited, character by character, so a changed figure stands out
/// in a long paragraph. Each step is DiffPlex's Myers diff, which needs memory in proportion to the texts' length (the
/// table of every pair of sentences a textbook LCS builds took tens of MB for two long texts of short sentences).
/// </summary>
public static class TextDiff
{
    private static readonly IChunker LineChunker = new Chunker(text => text.Split('\n'));

    private static readonly IChunker SentenceChunker = new Chunker(Sentences);

    // By code point, so a character outside the BMP is never split in two.
    private static readonly IChunker CharacterChunker = new Chunker(text => [.. text.EnumerateRunes().Select(r => r.ToString())]);

    private const string SentenceEnds = "。！？；!?;";

    /// <summary>A replaced sentence is compared by character only when at least this share of it stayed the same.</summary>
    private const double SimilarEnough = 0.35;

    /// <summary>Longest sentence compared character by character (keeps the work small).</summary>
    private const int MaxCharacterDiffLength = 600;

    /// <summary>The older text with removed runs and the newer text with added runs, both in reading order.</summary>
    public static (IReadOnlyList<DiffPiece> Old, IReadOnlyList<DiffPiece> New) Compare(string? older, string? newer)
    {
        var oldPieces = new List<DiffPiece>();
        var newPieces = new List<DiffPiece>();

        // Line by line first, each line compared without its line break (the last line has none), so a line removed or
        // added is marked as a whole; the lines that changed are then compared by sentence and character.
        var lines = Differ.Instance.CreateDiffs(older ?? "", newer ?? "", ignoreWhiteSpace: false, ignoreCase: false, LineChunker);
        var a = lines.PiecesOld;
        var b = lines.PiecesNew;
        string OldLine(int i) => i < a.Count - 1 ? a[i] + "\n" : a[i];
        string NewLine(int i) => i < b.Count - 1 ? b[i] + "\n" : b[i];

        int x = 0, y = 0;
        foreach (var block in lines.DiffBlocks)
        {
            for (; x < block.DeleteStartA; x++, y++)
            {
                oldPieces.Add(new DiffPiece(DiffKind.Same, OldLine(x)));
                newPieces.Add(new DiffPiece(DiffKind.Same, NewLine(y)));
            }

            var removed = string.Concat(Enumerable.Range(x, block.DeleteCountA).Select(OldLine));
            var added = string.Concat(Enumerable.Range(block.InsertStartB, block.InsertCountB).Select(NewLine));
            Sentences(removed, added, oldPieces, newPieces);
            (x, y) = (x + block.DeleteCountA, block.InsertStartB + block.InsertCountB);
        }

        for (; x < a.Count; x++, y++)
        {
            oldPieces.Add(new DiffPiece(DiffKind.Same, OldLine(x)));
            newPieces.Add(new DiffPiece(DiffKind.Same, NewLine(y)));
        }

        return (Merge(oldPieces), Merge(newPieces));
    }

    /// <summary>Compares changed lines sentence by sentence; a replaced sentence, character by character.</summary>
    private static void Sentences(string older, string newer, List<DiffPiece> oldPieces, List<DiffPiece> newPieces)
    {
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

        foreach (var (kind, text) in Script(older, newer, SentenceChunker))
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
            var steps = Script(older, newer, CharacterChunker);
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

    /// <summary>The edit script from one text to the other in pieces made by <paramref name="chunker"/>: at each change, removals before additions.</summary>
    private static List<(DiffKind Kind, string Text)> Script(string older, string newer, IChunker chunker)
    {
        var diff = Differ.Instance.CreateDiffs(older, newer, ignoreWhiteSpace: false, ignoreCase: false, chunker);
        var a = diff.PiecesOld;
        var b = diff.PiecesNew;
        var steps = new List<(DiffKind, string)>(Math.Max(a.Count, b.Count));
        var x = 0;
        foreach (var block in diff.DiffBlocks)
        {
            for (; x < block.DeleteStartA; x++)
            {
                steps.Add((DiffKind.Same, a[x]));
            }

            for (var end = x + block.DeleteCountA; x < end; x++)
            {
                steps.Add((DiffKind.Removed, a[x]));
            }

            for (var y = block.InsertStartB; y < block.InsertStartB + block.InsertCountB; y++)
            {
                steps.Add((DiffKind.Added, b[y]));
            }
        }

        for (; x < a.Count; x++)
        {
            steps.Add((DiffKind.Same, a[x]));
        }

        return steps;
    }

    /// <summary>Joins neighbouring runs of the same kind, so the page marks whole words rather than single characters.</summary>
    private static List<DiffPiece> Merge(List<DiffPiece> pieces)
    {
        // One builder per run: joining strings two at a time would copy a long unchanged text once per sentence.
        var merged = new List<DiffPiece>();
        var run = new StringBuilder();
        var kind = DiffKind.Same;
        foreach (var piece in pieces.Where(p => p.Text.Length > 0))
        {
            if (run.Length > 0 && piece.Kind != kind)
            {
                merged.Add(new DiffPiece(kind, run.ToString()));
                run.Clear();
            }

            kind = piece.Kind;
            run.Append(piece.Text);
        }

        if (run.Length > 0)
        {
            merged.Add(new DiffPiece(kind, run.ToString()));
        }

        return merged;
    }

    private sealed class Chunker(Func<string, IReadOnlyList<string>> chunk) : IChunker
    {
        public IReadOnlyList<string> Chunk(string text) => chunk(text);
    }
}
