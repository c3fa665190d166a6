using System.Text;
using Microsoft.AspNetCore.Mvc;

namespace EduPlan.Web.Features.Shared;

/// <summary>Where to send the user back to after a form: only ever a path on this site (no open redirect).</summary>
public static class ReturnUrls
{
    public static string LocalOrHome(this IUrlHelper url, string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && url.IsLocalUrl(returnUrl) ? EncodeForHeader(returnUrl) : "/";

    /// <summary>
    /// A local address as a Location header can carry it: every byte of a character outside printable ASCII (Chinese,
    /// spaces, control characters) percent-encoded as UTF-8, and a '%' that does not start an escape written as %25.
    /// Escapes already in the address are kept, so encoding twice changes nothing.
    /// </summary>
    public static string EncodeForHeader(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        var builder = new StringBuilder(url.Length);
        Span<byte> bytes = stackalloc byte[4];
        for (var i = 0; i < url.Length; i++)
        {
            var c = url[i];
            if (c == '%' && !(i + 2 < url.Length && Uri.IsHexDigit(url[i + 1]) && Uri.IsHexDigit(url[i + 2])))
            {
                builder.Append("%25");
            }
            else if (c > ' ' && c < '\u007f')
            {
                builder.Append(c);
            }
            else
            {
                // A surrogate pair is one character of four bytes; a lone surrogate becomes U+FFFD's bytes.
                var length = char.IsHighSurrogate(c) && i + 1 < url.Length && char.IsLowSurrogate(url[i + 1])
                    ? Encoding.UTF8.GetBytes(url.AsSpan(i++, 2), bytes)
                    : Encoding.UTF8.GetBytes(url.AsSpan(i, 1), bytes);
                foreach (var b in bytes[..length])
                {
                    builder.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
                }
            }
        }

        return builder.ToString();
    }
}
