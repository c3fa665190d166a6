using System.Globalization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;

namespace EduPlan.Web.Infrastructure;

/// <summary>
/// Answers a request whose declared length is over the limit of the endpoint it goes to (its
/// <c>[RequestSizeLimit]</c>, otherwise the server's) with 413 before anything reads the body, so the status-code page
/// says the limit instead of the antiforgery check failing on a form it could not read (a 400 blaming a stale page).
/// The limit is left in <see cref="LimitItemKey"/> for that page. Browsers always declare the length of a form they
/// post; a chunked body without a length still fails where it is read.
/// </summary>
public sealed class RequestTooLargeMiddleware(RequestDelegate next)
{
    /// <summary>The <see cref="HttpContext.Items"/> key of the limit (bytes, a <see cref="long"/>) a refused request broke.</summary>
    public const string LimitItemKey = "EduPlan.RequestLimitBytes";

    public Task InvokeAsync(HttpContext context)
    {
        // The error page is re-executed with the same request: it must not be refused in turn.
        if (context.Request.ContentLength is { } length && context.Features.Get<IStatusCodeReExecuteFeature>() is null
            && Limit(context) is { } limit && length > limit)
        {
            context.Items[LimitItemKey] = limit;
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            // Kestrel reads and discards the unread body after the response (for at most five seconds) so the browser,
            // still sending, receives the page; under the limit routing set, that read would fail and cut the connection.
            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
            {
                size.MaxRequestBodySize = null;
            }

            return Task.CompletedTask;
        }

        return next(context);
    }

    /// <summary>The limit in bytes for this request's endpoint; null when there is none (or the body is already being read).</summary>
    public static long? Limit(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>() is { } metadata)
        {
            return metadata.MaxRequestBodySize;
        }

        return context.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize;
    }

    /// <summary>A limit as readers see it: "12" for 12 MB, "28.61" for 30,000,000 bytes.</summary>
    public static string Megabytes(long bytes) => (bytes / (1024m * 1024m)).ToString("0.##", CultureInfo.InvariantCulture);
}
