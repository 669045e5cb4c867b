using System.Diagnostics;
using Akka.Actor;
using Akka.Hosting;
using Akka.Ingest.Pipeline.Cluster;
using Akka.Ingest.Pipeline.Config;
using Akka.Ingest.StatusFeed;
using Akka.Ingest.Stores;
using Akka.Ingest.Writers;
using Microsoft.Extensions.Options;

namespace Akka.Ingest.Pipeline.Ingestion;

/// <summary>
/// The pipeline's lifecycle: once the actor system is up, migrates the store (waiting for it if it is not reachable
/// yet), starts the status relay (under its lease) and the ingest stream; on shutdown, drains the stream after the web server has
/// stopped taking requests and before the actor system stops.
/// </summary>
public sealed class IngestPipelineService(
    IngestStream stream,
    IngestAdmission admission,
    IngestCounters counters,
    NodeIdentity node,
    ICounterStore store,
    ActorSystem system,
    IRequiredActor<CommitLanesActor> writers,
    OwnerRouting routing,
    IStatusOutbox outbox,
    IOutboxSignal outboxSignal,
    IRelayLease relayLease,
    IOptions<IngestOptions> options,
    IHostApplicationLifetime lifetime,
    ILogger<IngestPipelineService> logger) : IHostedService
{
    private readonly IngestOptions _options = options.Value;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await MigrateAsync(cancellationToken);
        var recordedThreshold = await store.RecordCatchAllThresholdAsync(cancellationToken);
        if (recordedThreshold != _options.CatchAllThreshold)
        {
            throw new InvalidOperationException(
                $"The store {store.Description} was written with Ingest:CatchAllThreshold={recordedThreshold}, this host is configured with " +
                $"{_options.CatchAllThreshold}. Every host writing one database must use the threshold it was built with: the listing " +
                "and the status feed only hold crossings of that one.");
        }
        // In cluster mode the relay is a cluster singleton, started with the actor system; without one, every host with
        // RunRelay contends for the lease, and only its holder runs the relay.
        if (_options.StatusFeed.RunRelay && !_options.Cluster.Enabled)
            system.StartStatusRelayUnderLease(relayLease, outbox, outboxSignal, _options.StatusFeed.Relay);
        stream.Start(system, await routing.WritersAsync(await writers.GetAsync(cancellationToken), cancellationToken));
        // A shutdown the cluster starts (this node downed, or told to leave) stops the web server first, as SIGTERM
        // does, so no request is taken while the drain runs; when the host started it, this is a no-op.
        CoordinatedShutdown.Get(system).AddTask(CoordinatedShutdown.PhaseBeforeServiceUnbind, "stop-taking-requests", () =>
        {
            lifetime.StopApplication();
            return Task.FromResult(Done.Instance);
        });
        CoordinatedShutdown.Get(system).AddTask(CoordinatedShutdown.PhaseServiceRequestsDone, "drain-ingest", async () =>
        {
            await stream.DrainAsync(_options.DrainTimeout);
            return Done.Instance;
        });
        logger.LogInformation("Ingest pipeline running: node {NodeId}, {Partitions} partitions, store {Store}",
            node.Id, _options.Partitions, store.Description);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        logger.LogInformation("Draining the ingest pipeline: {Queued} events queued", admission.Queued);
        var started = Stopwatch.GetTimestamp();
        await stream.DrainAsync(_options.DrainTimeout);
        logger.LogInformation("Ingest pipeline drained in {ElapsedMs} ms: {Committed} events committed in this run",
            (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds, counters.Committed);
    }

    private async Task MigrateAsync(CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(_options.StoreStartupTimeout.TotalSeconds * Stopwatch.Frequency);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await store.MigrateAsync(cancellationToken);
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                if (Stopwatch.GetTimestamp() >= deadline)
                    throw new InvalidOperationException(
                        $"The store {store.Description} did not answer within {_options.StoreStartupTimeout} (Ingest:StoreStartupTimeout): {ex.GetBaseException().Message}", ex);
                logger.LogWarning("Waiting for the store {Store} (attempt {Attempt}): {Reason}", store.Description, attempt, ex.GetBaseException().Message);
                await Task.Delay(TimeSpan.FromSeconds(Math.Min(5, attempt)), cancellationToken);
            }
        }
    }
}
