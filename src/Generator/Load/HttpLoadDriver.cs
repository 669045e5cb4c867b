using System.Diagnostics;
using System.Net;
using Akka.Ingest.Domain;
using Akka.Ingest.Workload.Distributions;
using HdrHistogram;

namespace Akka.Ingest.Generator.Load;

/// <summary>
/// Sends a plan's events as <c>PUT /events/{domain}/{kind}</c> with a fixed number of workers, each pulling the
/// next event from one shared feed (never one task per event), optionally paced. A 503 is honoured: the worker
/// waits for its Retry-After and sends the same event again, since the host did not count it. Any other
/// failure is reported, not retried: after a transport error the host may or may not have counted the event,
/// and sending it again could count it twice. With several hosts, worker i sends to host i mod n, as a load
/// balancer spreading connections would. With <c>--producer</c> (<see cref="LoadPlan.Producer"/>) each worker is a
/// producer session and an event whose answer was lost (a transport error, 502, 503 or 504) is sent again with its
/// sequence until it is answered, at most <c>--max-retries</c> times: the host counts it once however often it comes,
/// so a run through faults can be verified exactly. Latency is measured from the time the pacer scheduled the send, so a
/// stall is charged to every send it delayed (coordinated omission), and also from the actual send (service time).
/// </summary>
public sealed class HttpLoadDriver(LoadPlan plan, IReadOnlyList<IngestApiClient> apis)
{
    public HttpLoadDriver(LoadPlan plan, IngestApiClient api)
        : this(plan, [api])
    {
    }

    public LoadStatistics Statistics { get; } = new();

    public LoadTimeline Timeline { get; } = new();

    private EventFeed? _feed;

    /// <summary>Events taken from the stream so far (each is then acknowledged or failed).</summary>
    public long Sent => _feed?.Taken ?? 0;

    public async Task<LoadOutcome> RunAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        long? deadline = plan.Duration is { } duration ? started + (long)(duration.TotalSeconds * Stopwatch.Frequency) : null;
        var feed = new EventFeed(EventCursor.Create(plan.Distribution, plan.Seed), plan.Events, deadline);
        _feed = feed;
        var pacer = RatePacer.For(plan.Rate);
        var workers = new Task<Histograms>[plan.Concurrency];
        var startedUtc = DateTime.UtcNow;
        for (var i = 0; i < workers.Length; i++)
        {
            var api = apis[i % apis.Count];
            var producer = plan.Producer is { } prefix ? ProducerStream.ForWorker(prefix, i, startedUtc) : null;
            workers[i] = Task.Run(() => WorkAsync(api, producer, feed, pacer, cancellationToken), CancellationToken.None);
        }

        var histograms = await Task.WhenAll(workers);
        return new LoadOutcome(
            Stopwatch.GetElapsedTime(started),
            LatencySummary.From(LatencyHistograms.Merge(histograms.Select(h => h.FromSchedule))),
            Interrupted: cancellationToken.IsCancellationRequested,
            ServiceTime: LatencySummary.From(LatencyHistograms.Merge(histograms.Select(h => h.FromSend))),
            Timeline: Timeline.Seconds());
    }

    /// <summary>One worker's latencies: from the scheduled send, and from the actual send.</summary>
    private sealed record Histograms(LongHistogram FromSchedule, LongHistogram FromSend);

    private async Task<Histograms> WorkAsync(IngestApiClient api, ProducerStream? producer, EventFeed feed, RatePacer pacer, CancellationToken cancellationToken)
    {
        var latencies = new Histograms(LatencyHistograms.Create(), LatencyHistograms.Create());
        try
        {
            while (!cancellationToken.IsCancellationRequested && feed.TryTake(out var evt))
            {
                var due = await pacer.WaitTurnAsync(cancellationToken);
                var session = producer is null ? ((string, long)?)null : (producer.Id, producer.Next());
                if (await SendAsync(api, evt, session, due, latencies, cancellationToken))
                    Statistics.Acknowledge();
                else
                    Statistics.Fail();
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Interrupted: the report says so; the event in hand was neither acknowledged nor failed.
        }
        return latencies;
    }

    private async Task<bool> SendAsync(
        IngestApiClient api, DomainEvent evt, (string Id, long Sequence)? producer, long due, Histograms latencies, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var started = Stopwatch.GetTimestamp();
            // The first attempt was due when the pacer scheduled it; a retry when its Retry-After ended.
            var scheduled = attempt == 0 ? Math.Min(due, started) : started;
            HttpStatusCode status;
            TimeSpan retryAfter;
            bool duplicate;
            try
            {
                using var response = await api.PutEventAsync(evt, cancellationToken, producer);
                status = response.StatusCode;
                retryAfter = RetryAfter.Of(response);
                duplicate = response.Headers.Contains(IngestApiClient.ProducerDuplicateHeader);
            }
            catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException)
            {
                cancellationToken.ThrowIfCancellationRequested();
                Statistics.TransportError(TransportErrorKind.Of(ex));
                Timeline.Record(scheduled, Stopwatch.GetElapsedTime(scheduled), acknowledged: false);
                if (producer is null || attempt >= plan.MaxRetries)
                    return false;
                // The host may have counted it: only a producer's resend, recognised by its sequence, is safe.
                Statistics.Resend();
                await Task.Delay(ResendDelay(attempt), cancellationToken);
                continue;
            }

            var fromSchedule = Stopwatch.GetElapsedTime(scheduled);
            LatencyHistograms.Record(latencies.FromSchedule, fromSchedule);
            LatencyHistograms.Record(latencies.FromSend, Stopwatch.GetElapsedTime(started));
            Statistics.Answered((int)status);
            var acknowledged = (int)status is >= 200 and < 300;
            Timeline.Record(scheduled, fromSchedule, acknowledged);
            if (acknowledged)
            {
                if (duplicate)
                    Statistics.Duplicate();
                return true;
            }
            var resendable = status == HttpStatusCode.ServiceUnavailable
                || (producer is not null && status is HttpStatusCode.BadGateway or HttpStatusCode.GatewayTimeout);
            if (!resendable || attempt >= plan.MaxRetries)
                return false;

            if (status == HttpStatusCode.ServiceUnavailable)
                Statistics.Retry();
            if (producer is not null)
                Statistics.Resend();
            await Task.Delay(status == HttpStatusCode.ServiceUnavailable ? retryAfter : ResendDelay(attempt), cancellationToken);
        }
    }

    /// <summary>
    /// Before resending after no answer, a 502 or a 504: 50 ms doubling to at most a second, so a host that is down
    /// (connections refused at once) is not hammered while it restarts, and one that is back is found within a second.
    /// </summary>
    private static TimeSpan ResendDelay(int attempt) => TimeSpan.FromMilliseconds(Math.Min(1000, 50 << Math.Min(attempt, 5)));
}
