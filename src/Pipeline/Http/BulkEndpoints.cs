using System.Buffers;
using System.Globalization;
using Akka.Ingest.Pipeline.Config;
using Akka.Ingest.Pipeline.Ingestion;
using Microsoft.Extensions.Options;

namespace Akka.Ingest.Pipeline.Http;

/// <summary>
/// <c>POST /events</c>: many events in one request, as NDJSON lines or a JSON array of
/// <c>{"domain":"x.com","kind":"delivered"}</c>. The body is validated whole first (any bad line: 400 naming it,
/// nothing counted); then the events are split into one envelope per partition and the answer waits until every
/// one is committed (<c>200 {"events":n}</c>). A bulk is atomic per partition, not across partitions: when some
/// partitions commit and others time out or are refused, the answer is 503 with the number of events that were
/// committed all the same, so a client must not resend that bulk whole.
/// </summary>
public static class BulkEndpoints
{
    public static IEndpointRouteBuilder MapBulkEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/events", IngestBulkAsync);
        return app;
    }

    private static async Task<IResult> IngestBulkAsync(HttpContext context, IngestAdmission admission, IOptions<IngestOptions> options)
    {
        var (body, length) = await ReadBodyAsync(context.Request, context.RequestAborted);
        try
        {
            if (!BulkEventReader.TryRead(body.AsSpan(0, length), out var events, out var error))
                return InvalidBulk(error!);

            var outcome = await admission.SubmitBatchAsync(events);
            return outcome.AllCommitted
                ? Results.Ok(new BulkAcknowledgement(outcome.Events))
                : Unavailable(context, options.Value, outcome);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(body);
        }
    }

    /// <summary>The whole body in a pooled buffer (bodies are large and frequent; Kestrel caps their size).</summary>
    private static async Task<(byte[] Body, int Length)> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Clamp(request.ContentLength ?? 0, 4096, int.MaxValue / 2) + 1);
        var length = 0;
        try
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }
                var read = await request.Body.ReadAsync(buffer.AsMemory(length), cancellationToken);
                if (read == 0)
                    return (buffer, length);
                length += read;
            }
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
    }

    private static IResult InvalidBulk(BulkLineError error) =>
        Results.Problem(
            title: "Invalid bulk",
            detail: $"{error.Describe()} Nothing was counted.",
            statusCode: StatusCodes.Status400BadRequest,
            extensions: new Dictionary<string, object?> { [error.Unit] = error.Number });

    private static IResult Unavailable(HttpContext context, IngestOptions options, BulkOutcome outcome)
    {
        context.Response.Headers.RetryAfter = options.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        var why = outcome.Outcome switch
        {
            IngestOutcome.Rejected => "the ingest queue was full",
            IngestOutcome.TimedOut => string.Create(CultureInfo.InvariantCulture, $"they were not committed within {options.RequestTimeout.TotalSeconds:0.###} s"),
            _ => "the service is shutting down",
        };
        return Results.Problem(
            title: "Service unavailable",
            detail: $"{outcome.CommittedEvents} of {outcome.Events} events were committed (a bulk is atomic per partition, not across "
                    + $"partitions); the others were not counted because {why}. Do not resend the whole bulk.",
            statusCode: StatusCodes.Status503ServiceUnavailable,
            extensions: new Dictionary<string, object?> { ["events"] = outcome.Events, ["committedEvents"] = outcome.CommittedEvents });
    }

    public sealed record BulkAcknowledgement(long Events);
}
