using Akka.Ingest.Domain;
using Akka.Ingest.Pipeline.Config;
using Akka.Ingest.Pipeline.Ingestion;
using Akka.Ingest.Stores;
using Microsoft.Extensions.Options;

namespace Akka.Ingest.Pipeline.Http;

/// <summary>
/// <c>PUT /events/{domain}/delivered|bounced</c>: 204 only once the event is committed. With <c>Producer-Id</c> and
/// <c>Producer-Sequence</c> (see <see cref="ProducerSession"/>) the event is applied at most once: a resend of a
/// committed sequence is answered 204 again, a sequence below the producer's last one 409.
/// </summary>
public static class EventEndpoints
{
    public static IEndpointRouteBuilder MapEventEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPut("/events/{domain}/delivered", (string domain, HttpContext context, IngestAdmission admission, IOptions<IngestOptions> options) =>
            IngestAsync(domain, EventKind.Delivered, context, admission, options.Value));
        app.MapPut("/events/{domain}/bounced", (string domain, HttpContext context, IngestAdmission admission, IOptions<IngestOptions> options) =>
            IngestAsync(domain, EventKind.Bounced, context, admission, options.Value));
        return app;
    }

    private static async Task<IResult> IngestAsync(
        string domain, EventKind kind, HttpContext context, IngestAdmission admission, IngestOptions options)
    {
        if (!DomainName.TryNormalize(domain, out var normalized, out var error))
        {
            admission.CountInvalid();
            return Problems.InvalidDomain(domain, error);
        }
        if (!ProducerSession.TryRead(context.Request, out var producer, out var producerError))
            return Problems.InvalidProducer(producerError!);

        var evt = new DomainEvent(normalized, kind);
        if (producer is null)
            return Answer(await admission.SubmitAsync(evt), context, options);

        // Only a producer's request pays for the store: the plain PUT resolves nothing more.
        var store = context.RequestServices.GetRequiredService<ICounterStore>();
        if (await producer.RecordAsync(store, admission.Partitioner.Partitions, context) is { } refused)
            return refused;
        var outcome = await admission.SubmitAsync(evt, producer.Ledger);
        if (outcome == IngestOutcome.Duplicate)
            context.Response.Headers[ProducerSession.DuplicateHeader] = "true";
        return outcome == IngestOutcome.OutOfOrder ? Problems.ProducerOutOfOrder(producer.Sequence) : Answer(outcome, context, options);
    }

    private static IResult Answer(IngestOutcome outcome, HttpContext context, IngestOptions options) => outcome switch
    {
        IngestOutcome.Committed or IngestOutcome.Duplicate => Results.NoContent(),
        IngestOutcome.Rejected => Problems.Unavailable(context, options, "The ingest queue is full; the event was not counted."),
        IngestOutcome.TimedOut => Problems.Unavailable(context, options,
            $"The event was not committed within {options.RequestTimeout.TotalSeconds:0.###} s and was withdrawn; it was not counted."),
        IngestOutcome.Undecided => Problems.Undecided(
            "The service stopped while the write holding the event was undecided: it may or may not be counted. It was not acknowledged."),
        _ => Problems.Unavailable(context, options, "The service is shutting down; the event was not counted."),
    };
}
