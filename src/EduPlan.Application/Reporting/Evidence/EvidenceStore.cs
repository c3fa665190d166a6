using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using EduPlan.Core.Messages;
using EduPlan.Core.Reporting;
using EduPlan.Core.Text;
using Microsoft.Extensions.Options;

namespace EduPlan.Application.Reporting.Evidence;

/// <summary>The outcome of reading an uploaded file or a typed link as evidence: the evidence, or why it is refused.</summary>
public sealed record EvidenceReadResult(bool Succeeded, ReportEvidence? Evidence, Message? Error)
{
    public static EvidenceReadResult Ok(ReportEvidence evidence) => new(true, evidence, null);

    public static EvidenceReadResult Fail(Message error) => new(false, null, error);

    public static EvidenceReadResult Fail(string key, params object?[] args) => Fail(new Message(key, args));
}

/// <summary>
/// Turns an upload or a typed link into a <see cref="ReportEvidence"/> not yet attached to any report: the file's type
/// comes from its content, its size is counted while reading (never from a declared length), and a link must be http(s).
/// </summary>
public sealed class EvidenceStore(IOptions<ReportingOptions> options, TimeProvider clock, IOptions<UploadOptions>? uploads = null)
{
    private const int CopyBufferSize = 81920;

    /// <summary>
    /// Reads at most the configured limit plus one byte from <paramref name="content"/>; the caller attaches the
    /// evidence to a report (report.Evidence.Add) and saves.
    /// </summary>
    public async Task<EvidenceReadResult> ReadFileAsync(string fileName, Stream content, string addedBy, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(addedBy);
        var name = EvidenceNames.CleanFileName(fileName);
        if (name.Length == 0)
        {
            return EvidenceReadResult.Fail("Evidence_NoFileName");
        }

        var limit = options.Value.MaxEvidenceBytes;
        using var buffer = new MemoryStream();
        var chunk = new byte[CopyBufferSize];
        while (true)
        {
            // Never ask for more than one byte past the limit, whatever the stream claims its length is.
            var wanted = (int)Math.Min(chunk.Length, limit + 1 - buffer.Length);
            var read = await content.ReadAsync(chunk.AsMemory(0, wanted), ct);
            if (read == 0)
            {
                break;
            }

            buffer.Write(chunk, 0, read);
            if (buffer.Length > limit)
            {
                return EvidenceReadResult.Fail("Evidence_FileTooLarge", name, FormatMegabytes(limit));
            }
        }

        var bytes = buffer.ToArray();
        var check = EvidenceFileTypes.Check(name, bytes, uploads?.Value.AllowLegacyOffice ?? false);
        if (check.Type is null)
        {
            return EvidenceReadResult.Fail(check.Error!);
        }

        return EvidenceReadResult.Ok(new ReportEvidence
        {
            Kind = EvidenceKind.File,
            Title = name,
            ContentType = check.Type.MediaType,
            Length = bytes.Length,
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes)),
            Content = new EvidenceContent { Bytes = bytes },
            AddedAt = clock.GetUtcNow().UtcDateTime,
            AddedByName = addedBy,
        });
    }

    /// <summary>Checks a typed link: an absolute http or https address; the title defaults to the address's host.</summary>
    public EvidenceReadResult ReadLink(string? title, string? url, string addedBy)
    {
        ArgumentNullException.ThrowIfNull(addedBy);
        var address = url?.Trim() ?? "";
        if (address.Length == 0)
        {
            return EvidenceReadResult.Fail("Evidence_LinkRequired");
        }

        if (address.Length > ReportEvidence.MaxUrlLength)
        {
            return EvidenceReadResult.Fail("Evidence_LinkTooLong", ReportEvidence.MaxUrlLength);
        }

        if (address.Any(c => char.IsControl(c) || char.IsWhiteSpace(c))
            || !Uri.TryCreate(address, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            || string.IsNullOrEmpty(uri.Host))
        {
            return EvidenceReadResult.Fail("Evidence_LinkNotHttp");
        }

        // https://www.gov.cn@example.com goes to example.com: a name before @ only misleads the reader.
        if (uri.UserInfo.Length > 0)
        {
            return EvidenceReadResult.Fail("Evidence_LinkHasUserInfo");
        }

        var cleanTitle = EvidenceNames.CleanText(title);
        if (cleanTitle.Length > ReportEvidence.MaxTitleLength)
        {
            return EvidenceReadResult.Fail("Evidence_LinkTitleTooLong", ReportEvidence.MaxTitleLength);
        }

        return EvidenceReadResult.Ok(new ReportEvidence
        {
            Kind = EvidenceKind.Link,
            Title = cleanTitle.Length > 0 ? cleanTitle : uri.Host,
            Url = address,
            AddedAt = clock.GetUtcNow().UtcDateTime,
            AddedByName = addedBy,
        });
    }

    private static string FormatMegabytes(long bytes) =>
        (bytes / (1024m * 1024m)).ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>A size as readers see it: "1.5 GB" from 1 GB up, otherwise "12.3 MB".</summary>
    public static string FormatSize(long bytes) => bytes >= 1024L * 1024 * 1024
        ? (bytes / (1024m * 1024m * 1024m)).ToString("0.##", CultureInfo.InvariantCulture) + " GB"
        : FormatMegabytes(bytes) + " MB";
}

/// <summary>Cleans names and titles users send: no directories, no control or direction-changing characters.</summary>
public static class EvidenceNames
{
    /// <summary>
    /// The file name a browser sent, without any directory (some send C:\Users\…\名.pdf), control characters or
    /// invisible formatting characters (a right-to-left override can show "gpj.exe" as "exe.jpg"), shortened to
    /// <see cref="ReportEvidence.MaxTitleLength"/> characters keeping the extension.
    /// </summary>
    public static string CleanFileName(string? fileName)
    {
        var name = fileName ?? "";
        var slash = name.LastIndexOfAny(['/', '\\']);
        if (slash >= 0)
        {
            name = name[(slash + 1)..];
        }

        // Windows drops trailing dots and spaces, so "a.exe." would open as a.exe there.
        name = CleanText(name).TrimEnd('.', ' ');
        if (name.Length <= ReportEvidence.MaxTitleLength)
        {
            return name;
        }

        var extension = Path.GetExtension(name);
        if (extension.Length > 16)
        {
            extension = "";
        }

        return Shorten(name[..^extension.Length], ReportEvidence.MaxTitleLength - extension.Length) + extension;
    }

    /// <summary>Trimmed, NFC-normalised text without control or formatting characters (<see cref="TextSanitiser.SingleLine"/>).</summary>
    public static string CleanText(string? text) => TextSanitiser.SingleLine(text);

    private static string Shorten(string text, int maxLength)
    {
        if (text.Length <= maxLength)
        {
            return text;
        }

        // Never cut a character outside the BMP in half.
        var length = char.IsHighSurrogate(text[maxLength - 1]) ? maxLength - 1 : maxLength;
        return text[..length];
    }
}
