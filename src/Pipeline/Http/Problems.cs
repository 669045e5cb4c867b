using Akka.Ingest.Pipeline.Config;

namespace Akka.Ingest.Pipeline.Http;

/// <summary>The JSON problem bodies (RFC 9457) the API answers with.</summary>
public static class Problems
{
    public static IResult InvalidDomain(string? domain, string reason) =>
        Results.Problem(
            title: "Invalid domain",
            detail: reason,
            statusCode: StatusCodes.Status400BadRequest,
            extensions: new Dictionary<string, object?> { ["domain"] = domain });

    public static IResult InvalidQuery(string reason) =>
        Results.Problem(title: "Invalid query", detail: reason, statusCode: StatusCodes.Status400BadRequest);

    /// <summary>
    /// 504: the service stopped while a write holding the events was undecided. No Retry-After: unlike a 503, a blind
    /// resend could count the events twice.
    /// </summary>
    public static IResult Undecided(string reason, IDictionary<string, object?>? extensions = null) =>
        Results.Problem(title: "Outcome unknown", detail: reason, statusCode: StatusCodes.Status504GatewayTimeout, extensions: extensions);

    public static IResult Unavailable(HttpContext context, IngestOptions options, string reason)
    {
        context.Response.Headers.RetryAfter = options.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Results.Problem(
            title: "Service unavailable",
            detail: reason,
            statusCode: StatusCodes.Status503ServiceUnavailable);
    }
}
