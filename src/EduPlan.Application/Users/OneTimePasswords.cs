using System.Security.Cryptography;
using EduPlan.Application.Security;

namespace EduPlan.Application.Users;

/// <summary>
/// Generates the one-time passwords handed to new and reset users: random letters and digits without
/// look-alikes (0/O/o, 1/l/I), so they can be read out over the phone, and always within the password rules.
/// </summary>
public static class OneTimePasswords
{
    /// <summary>Length used unless the rules ask for more; 20 characters of 57 give about 116 bits.</summary>
    public const int DefaultLength = 20;

    private const string Lower = "abcdefghijkmnpqrstuvwxyz";
    private const string Upper = "ABCDEFGHJKLMNPQRSTUVWXYZ";
    private const string Digits = "23456789";

    // Only used when the rules demand all four kinds; a hyphen is easy to read and to type.
    private const string Symbols = "-";
    private const string All = Lower + Upper + Digits;

    /// <summary>A password that satisfies the default rules (<see cref="SecurityOptions"/> defaults).</summary>
    public static string Generate() => Generate(new SecurityOptions());

    /// <summary>
    /// A password that satisfies <paramref name="rules"/>: at least <see cref="DefaultLength"/> characters or the
    /// minimum length, whichever is longer, every character kind the rules need, and not containing <paramref name="userName"/>.
    /// </summary>
    public static string Generate(SecurityOptions rules, string? userName = null)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var length = Math.Min(Math.Max(DefaultLength, rules.PasswordMinLength), rules.PasswordMaxLength);
        while (true)
        {
            var password = Create(length, withSymbol: rules.PasswordRequiredCharacterKinds >= 4);
            // A short user name can turn up inside a random string (about once in a thousand for three letters).
            if (string.IsNullOrEmpty(userName) || userName.Length < 3
                || !password.Contains(userName, StringComparison.OrdinalIgnoreCase))
            {
                return password;
            }
        }
    }

    private static string Create(int length, bool withSymbol)
    {
        var chars = new char[length];
        var i = 0;
        chars[i++] = Pick(Lower);
        chars[i++] = Pick(Upper);
        chars[i++] = Pick(Digits);
        if (withSymbol)
        {
            chars[i++] = Pick(Symbols);
        }

        while (i < length)
        {
            chars[i++] = Pick(All);
        }

        RandomNumberGenerator.Shuffle(chars.AsSpan());
        return new string(chars);
    }

    private static char Pick(string from) => from[RandomNumberGenerator.GetInt32(from.Length)];
}
