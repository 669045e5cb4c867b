using Microsoft.Net.Http.Headers;

namespace Akka.Ingest.Pipeline.Http;

/// <summary>
/// The media types <c>POST /events</c> reads: <c>application/x-ndjson</c> and <c>application/json</c>, UTF-8.
/// Anything else is refused, so a web page cannot forge events with a "simple" cross-site request
/// (<c>text/plain</c>, form encodings), which a browser sends without asking the server first.
/// </summary>
public static class BulkContentType
{
    public static bool IsAccepted(string? contentType)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out var parsed))
            return false;
        var mediaType = parsed.MediaType.Value;
        var known = string.Equals(mediaType, "application/x-ndjson", StringComparison.OrdinalIgnoreCase)
                    || string.Equals(mediaType, "application/json", StringComparison.OrdinalIgnoreCase);
        var charset = parsed.Charset.Value;
        return known && (charset is null || string.Equals(charset.Trim('"'), "utf-8", StringComparison.OrdinalIgnoreCase));
    }
}
