using System.Buffers;
using System.Globalization;
using Akka.Ingest.Pipeline.Config;
using Akka.Ingest.Pipeline.Ingestion;
using Akka.Ingest.Stores;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace Akka.Ingest.Pipeline.Http;

/// <summary>
/// <c>POST /events</c>: many events in one request, as NDJSON lines or a JSON array of
/// <c>{"domain":"x.com","kind":"delivered"}</c>. The body is validated whole first (any bad line: 400 naming it,
/// nothing counted); then the events are split into one envelope per partition and the answer waits until every
/// one is committed (<c>200 {"events":n}</c>). A bulk is atomic per partition, not across partitions: when some
/// partitions commit and others time out or are refused, the answer is 503 with the number of events that were
/// committed all the same, so a client must not resend that bulk whole, unless it sent an <c>Idempotency-Key</c>:
/// then each partition's part is applied at most once (see <see cref="IdempotencyKey"/>), a resend of the same
/// body applies only what was not committed and is answered as if the first call had succeeded, the same key
/// with another body is refused with 422, and the same key on a host with another <c>Ingest:Partitions</c> with 409
/// (see <see cref="BulkFingerprint"/>). A producer's bulk (<see cref="ProducerSession"/>) gets the same part by part
/// resend without a key; its body is not recorded, so the producer must resend the same body with the same sequence.
/// </summary>
public static class BulkEndpoints
{
    public static IEndpointRouteBuilder MapBulkEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/events", IngestBulkAsync);
        return app;
    }

    private static async Task<IResult> IngestBulkAsync(
        HttpContext context, IngestAdmission admission, BulkSlots slots, ICounterStore store, IOptions<IngestOptions> options)
    {
        if (!BulkContentType.IsAccepted(context.Request.ContentType))
        {
            return Results.Problem(
                title: "Unsupported media type",
                detail: "Send the events as application/x-ndjson or application/json (UTF-8).",
                statusCode: StatusCodes.Status415UnsupportedMediaType);
        }

        var sizeLimit = context.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize;
        if (!IdempotencyKey.TryRead(context.Request, out var key, out var keyError))
            return Problems.InvalidQuery(keyError!);
        if (!ProducerSession.TryRead(context.Request, out var producer, out var producerError))
            return Problems.InvalidProducer(producerError!);
        if (key is not null && producer is not null)
        {
            return Problems.InvalidProducer(
                $"A bulk carries either an '{IdempotencyKey.Header}' or '{ProducerSession.IdHeader}' with '{ProducerSession.SequenceHeader}', not both. Nothing was counted.");
        }
        if (context.Request.ContentLength > sizeLimit)
        {
            // Kestrel would refuse it only on the first read; answering now allocates nothing for it.
            return Results.Problem(
                title: "Body too large",
                detail: $"A bulk body may hold at most {sizeLimit} bytes.",
                statusCode: StatusCodes.Status413PayloadTooLarge);
        }

        using var slot = await slots.TryEnterAsync(context.RequestAborted);
        if (slot is null)
            return Problems.Unavailable(context, options.Value, "Too many bulk requests are being read or committed; nothing was counted.");

        byte[]? body;
        using (var readDeadline = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted))
        {
            readDeadline.CancelAfter(options.Value.BulkReadTimeout);
            try
            {
                body = await ReadBodyAsync(context.Request, readDeadline.Token);
            }
            catch (OperationCanceledException) when (!context.RequestAborted.IsCancellationRequested)
            {
                return BodyTooSlow(context, options.Value.BulkReadTimeout);
            }
        }
        if (!BulkEventReader.TryRead(body, out var events, out var error))
            return InvalidBulk(error!);
        LedgerStream? ledger = producer?.Ledger;
        if (producer is not null && await producer.RecordAsync(store, admission.Partitioner.Partitions, context) is { } refused)
            return refused;
        if (key is not null)
        {
            var keyHash = key.Hash;
            ledger = new LedgerStream($"bulk:{keyHash}", 1);
            var sent = new BulkFingerprint(IdempotencyKey.HashOf(body), admission.Partitioner.Partitions);
            BulkFingerprint recorded;
            try
            {
                recorded = BulkFingerprint.Parse(await store.RecordIdempotencyKeyAsync(keyHash, sent.ToString(), context.RequestAborted));
            }
            catch (System.Data.Common.DbException)
            {
                return Problems.Unavailable(context, options.Value, "The store could not record the idempotency key; nothing was counted.");
            }
            if (recorded.BodyHash != sent.BodyHash)
            {
                return Results.Problem(
                    title: "Idempotency key reused",
                    detail: "This Idempotency-Key was first sent with another body; nothing was counted. Use a new key for a new bulk.",
                    statusCode: StatusCodes.Status422UnprocessableEntity);
            }
            if (recorded.Partitions is { } recordedPartitions && recordedPartitions != sent.Partitions)
                return PartitionsChanged(recordedPartitions, admission.Partitioner.Partitions);
        }
        body = null;

        var outcome = await admission.SubmitBatchAsync(events, ledger);
        if (outcome.Outcome == IngestOutcome.OutOfOrder)
        {
            return Problems.ProducerOutOfOrder(producer!.Sequence,
                new Dictionary<string, object?> { ["events"] = outcome.Events, ["committedEvents"] = outcome.CommittedEvents });
        }
        if (producer is not null && outcome.AllCommitted && outcome.DuplicateEvents == outcome.Events)
            context.Response.Headers[ProducerSession.DuplicateHeader] = "true";
        return outcome.AllCommitted
            ? Results.Ok(new BulkAcknowledgement(outcome.Events))
            : Unavailable(context, options.Value, outcome);
    }

    /// <summary>
    /// The whole body in one array sized by the bytes that actually arrived: read into pooled 1 MiB chunks, then
    /// copied once. The declared length is never trusted for an allocation (Kestrel checks it against its limit
    /// only on the first read), and no body-sized array goes back to the shared pool, which would keep it.
    /// </summary>
    private static async Task<byte[]> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        const int ChunkSize = 1 << 20;
        var chunks = new List<byte[]>();
        var length = 0;
        try
        {
            while (true)
            {
                var chunk = ArrayPool<byte>.Shared.Rent(ChunkSize);
                chunks.Add(chunk);
                var filled = 0;
                while (filled < ChunkSize)
                {
                    var read = await request.Body.ReadAsync(chunk.AsMemory(filled, ChunkSize - filled), cancellationToken);
                    if (read == 0)
                        return Concatenate(chunks, length + filled);
                    filled += read;
                }
                length += filled;
            }
        }
        finally
        {
            foreach (var chunk in chunks)
                ArrayPool<byte>.Shared.Return(chunk);
        }
    }

    private static byte[] Concatenate(List<byte[]> chunks, int length)
    {
        var body = GC.AllocateUninitializedArray<byte>(length);
        for (int i = 0, offset = 0; offset < length; i++, offset += 1 << 20)
            chunks[i].AsSpan(0, Math.Min(1 << 20, length - offset)).CopyTo(body.AsSpan(offset));
        return body;
    }

    /// <summary>
    /// 409: the key's parts were cut under another partition count, so no resend here can be applied exactly (the
    /// committed parts would not match this host's parts). Nothing was counted; the first host's count can finish it.
    /// </summary>
    private static IResult PartitionsChanged(int recordedPartitions, int partitions) =>
        Results.Problem(
            title: "Idempotency key sent under another partition count",
            detail: $"This Idempotency-Key was first sent to a host with Ingest:Partitions={recordedPartitions}; this host runs {partitions}. "
                    + "Its bulk's parts were cut by that count, so a resend here cannot apply exactly what is missing; nothing was counted. "
                    + $"Resend it to a host with Ingest:Partitions={recordedPartitions}, or, once the key has aged out "
                    + "(Ingest:Store:LedgerRetention), as a new bulk after checking what was counted.",
            statusCode: StatusCodes.Status409Conflict,
            extensions: new Dictionary<string, object?> { ["recordedPartitions"] = recordedPartitions, ["partitions"] = partitions });

    /// <summary>408: the body did not arrive within <c>Ingest:BulkReadTimeout</c>; the connection is closed, not drained.</summary>
    private static IResult BodyTooSlow(HttpContext context, TimeSpan readTimeout)
    {
        context.Response.Headers.Connection = "close";
        return Results.Problem(
            title: "Body too slow",
            detail: string.Create(CultureInfo.InvariantCulture,
                $"The bulk body did not arrive within {readTimeout.TotalSeconds:0.###} s (Ingest:BulkReadTimeout); nothing was counted."),
            statusCode: StatusCodes.Status408RequestTimeout);
    }

    private static IResult InvalidBulk(BulkLineError error) =>
        Results.Problem(
            title: "Invalid bulk",
            detail: $"{error.Describe()} Nothing was counted.",
            statusCode: StatusCodes.Status400BadRequest,
            extensions: new Dictionary<string, object?> { [error.Unit] = error.Number });

    private static IResult Unavailable(HttpContext context, IngestOptions options, BulkOutcome outcome)
    {
        if (outcome.Outcome == IngestOutcome.Undecided)
        {
            return Problems.Undecided(
                $"{outcome.CommittedEvents} of {outcome.Events} events were committed; the service stopped while a write holding "
                + "others was undecided, so they may or may not be counted. Resend the bulk only unchanged with the same "
                + "Idempotency-Key, or the same Producer-Id and Producer-Sequence, if it was sent with them: then nothing is counted twice.",
                new Dictionary<string, object?> { ["events"] = outcome.Events, ["committedEvents"] = outcome.CommittedEvents });
        }

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
                    + $"partitions); the others were not counted because {why}. Do not resend the whole bulk, unless it was sent "
                    + "with an Idempotency-Key or a Producer-Sequence: then resend it unchanged with the same headers.",
            statusCode: StatusCodes.Status503ServiceUnavailable,
            extensions: new Dictionary<string, object?> { ["events"] = outcome.Events, ["committedEvents"] = outcome.CommittedEvents });
    }

    public sealed record BulkAcknowledgement(long Events);
}
