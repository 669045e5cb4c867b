using Akka.Ingest.Pipeline.Config;
using Akka.Ingest.Stores;
using Microsoft.Extensions.Options;

namespace Akka.Ingest.Pipeline.Maintenance;

/// <summary>
/// Forgets idle ledger rows and old idempotency keys (<see cref="ICounterStore.ForgetIdleOriginsAsync"/>), and idle
/// producers with their rows (<see cref="ICounterStore.ForgetIdleProducersAsync"/>), while the
/// host runs: right after start, then every <c>Ingest:Store:PruneInterval</c> (±20 % at random, so the nodes of a
/// cluster spread out; two prunes at once are harmless, each skips the rows the other holds). Never on the start
/// path: a prune that fails (a store outage, a statement timeout) is logged and tried again at the next interval,
/// and the host serves meanwhile.
/// </summary>
public sealed class LedgerPruningService(ICounterStore store, IOptions<IngestOptions> options, ILogger<LedgerPruningService> logger)
    : BackgroundService
{
    private readonly CounterStoreOptions _options = options.Value.Store;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            await PruneOnceAsync(stoppingToken);
            try
            {
                await Task.Delay(_options.PruneInterval * (0.8 + 0.4 * Random.Shared.NextDouble()), stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task PruneOnceAsync(CancellationToken stoppingToken)
    {
        try
        {
            var forgotten = await store.ForgetIdleOriginsAsync(_options.LedgerRetention, stoppingToken);
            if (forgotten > 0)
                logger.LogInformation("Forgot the ledger rows of {Origins} origins idle for more than {Retention}", forgotten, _options.LedgerRetention);
            var producerParts = await store.ForgetIdleProducersAsync(_options.ProducerRetention, stoppingToken);
            if (producerParts > 0)
                logger.LogInformation("Forgot {Parts} ledger rows of producers idle for more than {Retention}", producerParts, _options.ProducerRetention);
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            logger.LogWarning("Could not forget idle ledger rows now; trying again in about {Interval}: {Reason}",
                _options.PruneInterval, ex.GetBaseException().Message);
        }
        catch (OperationCanceledException)
        {
            // Stopping: the next start prunes.
        }
    }
}
