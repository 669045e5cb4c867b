using System.Diagnostics;
using Akka.Actor;
using Akka.Hosting;
using Akka.Ingest.Pipeline.Config;
using Akka.Ingest.Stores;
using Akka.Ingest.Writers;
using Microsoft.Extensions.Options;

namespace Akka.Ingest.Pipeline.Ingestion;

/// <summary>
/// Starts the pipeline once the actor system is up (after migrating the store, waiting for it if it is not
/// reachable yet) and drains it on shutdown, after the web server has stopped taking requests and before the
/// actor system stops.
/// </summary>
public sealed class IngestPipelineService(
    IngestPipeline pipeline,
    ICounterStore store,
    ActorSystem system,
    IRequiredActor<PartitionWritersActor> writers,
    IOptions<IngestOptions> options,
    ILogger<IngestPipelineService> logger) : IHostedService
{
    private readonly IngestOptions _options = options.Value;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await MigrateAsync(cancellationToken);
        await pipeline.StartAsync(system, await writers.GetAsync(cancellationToken), cancellationToken);
        CoordinatedShutdown.Get(system).AddTask(CoordinatedShutdown.PhaseServiceRequestsDone, "drain-ingest", async () =>
        {
            await pipeline.DrainAsync(_options.DrainTimeout);
            return Done.Instance;
        });
        logger.LogInformation("Ingest pipeline running: node {NodeId}, {Partitions} partitions, store {Store}",
            pipeline.NodeId, _options.Partitions, store.Description);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        logger.LogInformation("Draining the ingest pipeline: {Queued} events queued", pipeline.Queued);
        var started = Stopwatch.GetTimestamp();
        await pipeline.DrainAsync(_options.DrainTimeout);
        logger.LogInformation("Ingest pipeline drained in {ElapsedMs} ms: {Committed} events committed in this run",
            (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds, pipeline.Committed);
    }

    private async Task MigrateAsync(CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(_options.StoreStartupTimeout.TotalSeconds * Stopwatch.Frequency);
        var attempt = 0;
        while (true)
        {
            try
            {
                await store.MigrateAsync(cancellationToken);
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException && Stopwatch.GetTimestamp() < deadline)
            {
                attempt++;
                logger.LogWarning("Waiting for the store {Store} (attempt {Attempt}): {Reason}", store.Description, attempt, ex.Message);
                await Task.Delay(TimeSpan.FromSeconds(Math.Min(5, attempt)), cancellationToken);
            }
        }
    }
}
