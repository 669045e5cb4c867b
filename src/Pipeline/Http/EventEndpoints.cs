using Akka.Ingest.Domain;
using Akka.Ingest.Pipeline.Config;
using Akka.Ingest.Pipeline.Ingestion;
using Microsoft.Extensions.Options;

namespace Akka.Ingest.Pipeline.Http;

/// <summary><c>PUT /events/{domain}/delivered|bounced</c>: 204 only once the event is committed.</summary>
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

        return await admission.SubmitAsync(new DomainEvent(normalized, kind)) switch
        {
            IngestOutcome.Committed => Results.NoContent(),
            IngestOutcome.Rejected => Problems.Unavailable(context, options, "The ingest queue is full; the event was not counted."),
            IngestOutcome.TimedOut => Problems.Unavailable(context, options,
                $"The event was not committed within {options.RequestTimeout.TotalSeconds:0.###} s and was withdrawn; it was not counted."),
            IngestOutcome.Undecided => Problems.Undecided(
                "The service stopped while the write holding the event was undecided: it may or may not be counted. It was not acknowledged."),
            _ => Problems.Unavailable(context, options, "The service is shutting down; the event was not counted."),
        };
    }
}
