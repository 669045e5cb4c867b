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

    public static IResult InvalidProducer(string reason) =>
        Results.Problem(title: "Invalid producer headers", detail: reason, statusCode: StatusCodes.Status400BadRequest);

    /// <summary>
    /// 409: the producer already committed a higher sequence where this request would write, so it broke its
    /// one-request-at-a-time rule; this request applied nothing there, and resending it will not change that.
    /// </summary>
    public static IResult ProducerOutOfOrder(long sequence, IDictionary<string, object?>? extensions = null) =>
        Results.Problem(
            title: "Producer sequence out of order",
            detail: $"Producer-Sequence {sequence} is below a sequence this producer has already committed"
                    + (extensions is null ? ", so it was not applied." : " in some of the bulk's partitions, so its parts there were not applied (committedEvents says what the others applied).")
                    + " A producer sends one request at a time with increasing sequences and resends an unanswered one with the same sequence.",
            statusCode: StatusCodes.Status409Conflict,
            extensions: new Dictionary<string, object?>(extensions ?? new Dictionary<string, object?>()) { ["sequence"] = sequence });

    /// <summary>
    /// 409: the producer's last sequence was sent under another partition count, and this one is not above it: a
    /// resend (or an out-of-order request) here would be cut into other parts than those the ledger knows, so it could
    /// be counted twice or lost. Nothing was counted; a new, higher sequence is accepted under any count.
    /// </summary>
    public static IResult ProducerPartitionsChanged(long sequence, int recordedPartitions, int partitions) =>
        Results.Problem(
            title: "Producer sequence sent under another partition count",
            detail: $"This producer's sequences up to at least {sequence} were sent to a host with Ingest:Partitions={recordedPartitions}; this host runs {partitions}. "
                    + "A resend is applied exactly only where its parts were cut by the same count; nothing was counted. "
                    + $"Resend it to a host with Ingest:Partitions={recordedPartitions}; a new, higher Producer-Sequence is accepted here.",
            statusCode: StatusCodes.Status409Conflict,
            extensions: new Dictionary<string, object?> { ["sequence"] = sequence, ["recordedPartitions"] = recordedPartitions, ["partitions"] = partitions });

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
