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
/// and sending it again could count it twice.
/// </summary>
public sealed class HttpLoadDriver(LoadPlan plan, IngestApiClient api)
{
    public LoadStatistics Statistics { get; } = new();

    public async Task<LoadOutcome> RunAsync(CancellationToken cancellationToken)
    {
        var feed = new EventFeed(EventCursor.Create(plan.Distribution, plan.Seed), plan.Events);
        var pacer = RatePacer.For(plan.Rate);
        var started = Stopwatch.GetTimestamp();
        var workers = new Task<LongHistogram>[plan.Concurrency];
        for (var i = 0; i < workers.Length; i++)
            workers[i] = Task.Run(() => WorkAsync(feed, pacer, cancellationToken), CancellationToken.None);

        var latencies = await Task.WhenAll(workers);
        return new LoadOutcome(
            Stopwatch.GetElapsedTime(started),
            LatencySummary.From(LatencyHistograms.Merge(latencies)),
            Interrupted: cancellationToken.IsCancellationRequested);
    }

    private async Task<LongHistogram> WorkAsync(EventFeed feed, RatePacer pacer, CancellationToken cancellationToken)
    {
        var latencies = LatencyHistograms.Create();
        try
        {
            while (!cancellationToken.IsCancellationRequested && feed.TryTake(out var evt))
            {
                await pacer.WaitTurnAsync(cancellationToken);
                if (await SendAsync(evt, latencies, cancellationToken))
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

    private async Task<bool> SendAsync(DomainEvent evt, LongHistogram latencies, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var started = Stopwatch.GetTimestamp();
            HttpStatusCode status;
            TimeSpan retryAfter;
            try
            {
                using var response = await api.PutEventAsync(evt, cancellationToken);
                status = response.StatusCode;
                retryAfter = RetryAfter.Of(response);
            }
            catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException)
            {
                cancellationToken.ThrowIfCancellationRequested();
                Statistics.TransportError();
                return false;
            }

            LatencyHistograms.Record(latencies, Stopwatch.GetElapsedTime(started));
            Statistics.Answered((int)status);
            if ((int)status is >= 200 and < 300)
                return true;
            if (status != HttpStatusCode.ServiceUnavailable || attempt >= plan.MaxRetries)
                return false;

            Statistics.Retry();
            await Task.Delay(retryAfter, cancellationToken);
        }
    }
}
