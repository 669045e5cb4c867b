using Akka.Ingest.Pipeline.Cluster;
using Akka.Ingest.Pipeline.Generation;
using Akka.Ingest.Pipeline.Ingestion;
using Akka.Ingest.Pipeline.StatusFeed;
using Akka.Ingest.Pipeline.Tracing;
using Akka.Ingest.StatusFeed;
using Akka.Ingest.Pipeline.Management;
using Akka.Ingest.Stores;
using Microsoft.Extensions.Options;

namespace Akka.Ingest.Pipeline.Config;

public static class IngestServices
{
    /// <summary>
    /// The longest timeout a setting may ask for. Timers and cancellation sources refuse more than about 24.8 days
    /// (and a deadline computed from <see cref="TimeSpan.MaxValue"/> overflows), which would fail every request at
    /// run time rather than the host at start; a day is already far beyond any useful wait.
    /// </summary>
    public static readonly TimeSpan LongestWait = TimeSpan.FromDays(1);

    /// <summary>
    /// The shortest <c>Ingest:Store:LedgerRetention</c>: a ledger row must outlive every retry of its batch (a
    /// frozen batch is retried through a whole outage) and every resend of a keyed bulk; zero would forget them all.
    /// </summary>
    public static readonly TimeSpan ShortestLedgerRetention = TimeSpan.FromHours(1);

    /// <summary>The longest commit window: every acknowledged write may wait a whole window before its transaction starts.</summary>
    public static readonly TimeSpan LongestCommitWindow = TimeSpan.FromSeconds(1);

    /// <summary>How long the host waits for its services beyond the drain: the coordinated shutdown's later phases.</summary>
    public static readonly TimeSpan ShutdownBeyondDrain = TimeSpan.FromSeconds(30);

    private static bool IsWaitable(TimeSpan timeout) => timeout > TimeSpan.Zero && timeout <= LongestWait;

    /// <summary>Registers the options, the store, the actor system and the ingest pipeline's stages.</summary>
    public static IServiceCollection AddIngest(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<IngestOptions>()
            .Bind(configuration.GetSection(IngestOptions.Section))
            .ValidateDataAnnotations()
            .Validate(o => IsWaitable(o.RequestTimeout), $"Ingest:RequestTimeout must be positive and at most {LongestWait}.")
            .Validate(o => IsWaitable(o.WriteTimeout), $"Ingest:WriteTimeout must be positive and at most {LongestWait}.")
            .Validate(o => IsWaitable(o.BulkReadTimeout), $"Ingest:BulkReadTimeout must be positive and at most {LongestWait}.")
            .Validate(o => IsWaitable(o.DrainTimeout), $"Ingest:DrainTimeout must be positive and at most {LongestWait}.")
            .Validate(o => IsWaitable(o.Store.PruneInterval) && o.Store.PruneBatchSize is >= 1 and <= 1_000_000,
                $"Ingest:Store:PruneInterval must be positive and at most {LongestWait}, and Ingest:Store:PruneBatchSize between 1 and 1000000.")
            .Validate(o => IsWaitable(o.Store.LockTimeout),
                $"Ingest:Store:LockTimeout must be positive and at most {LongestWait} (PostgreSQL takes 0 for no limit: a held row would stall its partition without bound).")
            .Validate(o => IsWaitable(o.Store.StatementTimeout),
                $"Ingest:Store:StatementTimeout must be positive and at most {LongestWait} (PostgreSQL takes 0 for no limit).")
            .Validate(o => IsWaitable(o.Store.ReadStatementTimeout),
                $"Ingest:Store:ReadStatementTimeout must be positive and at most {LongestWait} (PostgreSQL takes 0 for no limit).")
            .Validate(o => IsWaitable(o.StallThreshold),
                $"Ingest:StallThreshold must be positive and at most {LongestWait} (0 would refuse every request while any batch is written).")
            .Validate(o => IsWaitable(o.AdmissionWait), $"Ingest:AdmissionWait must be positive and at most {LongestWait}.")
            // Positive is checked with the rest of Ingest:Cluster, when the cluster is on; the bound holds for any value.
            .Validate(o => o.Cluster.OwnerTimeout <= LongestWait, $"Ingest:Cluster:OwnerTimeout must be at most {LongestWait}.")
            .Validate(o => o.Store.LedgerRetention >= ShortestLedgerRetention && (!IsWaitable(o.WriteTimeout) || o.Store.LedgerRetention >= 10 * o.WriteTimeout),
                $"Ingest:Store:LedgerRetention must be at least {ShortestLedgerRetention} and at least 10 x Ingest:WriteTimeout: a shorter one "
                + "forgets the ledger rows of batches still being retried (other nodes' too), which are then counted twice.")
            .Validate(o => o.Store.ProducerRetention >= ShortestLedgerRetention && (!IsWaitable(o.RequestTimeout) || o.Store.ProducerRetention >= 10 * o.RequestTimeout),
                $"Ingest:Store:ProducerRetention must be at least {ShortestLedgerRetention} and at least 10 x Ingest:RequestTimeout: a shorter one "
                + "forgets a producer while it may still resend its last request, which is then counted twice.")
            .Validate(o => o.CommitWindow >= TimeSpan.Zero && o.MaxCommitWindow >= o.CommitWindow && o.MaxCommitWindow <= LongestCommitWindow,
                $"Ingest:CommitWindow must be zero or positive, and Ingest:MaxCommitWindow at least Ingest:CommitWindow and at most {LongestCommitWindow} (every write waits up to a window).")
            .Validate(o => o.Store.ReadPoolSize is >= 1 and <= 1_000 && o.Store.JournalPoolSize is >= 1 and <= 1_000 && IsWaitable(o.Store.ReadPoolWait),
                $"Ingest:Store:ReadPoolSize and JournalPoolSize must be between 1 and 1000, and Ingest:Store:ReadPoolWait positive and at most {LongestWait}.")
            .Validate(o => o.WriterMinBackoff > TimeSpan.Zero && o.WriterMaxBackoff >= o.WriterMinBackoff,
                "Ingest:WriterMinBackoff must be positive and at most Ingest:WriterMaxBackoff.")
            .Validate(o => o.StatusFeed.PageSize is >= 1 and <= 100_000 && o.StatusFeed.JournalBatchSize >= 1,
                "Ingest:StatusFeed:PageSize must be between 1 and 100000, and Ingest:StatusFeed:JournalBatchSize at least 1.")
            .Validate(o => o.StatusFeed.MaxStreamClients >= 1 && o.StatusFeed.MaxStreamClientsPerAddress >= 1,
                "Ingest:StatusFeed:MaxStreamClients and MaxStreamClientsPerAddress must be at least 1.")
            .Validate(o => IsWaitable(o.StatusFeed.PollInterval) && o.StatusFeed.IdlePollInterval >= o.StatusFeed.PollInterval && o.StatusFeed.IdlePollInterval <= LongestWait,
                $"Ingest:StatusFeed:PollInterval must be positive, and Ingest:StatusFeed:IdlePollInterval at least PollInterval and at most {LongestWait}.")
            .Validate(o => o.StatusFeed.RelayLeaseRetryInterval >= StatusFeedOptions.ShortestRelayLeaseRetryInterval
                           && o.StatusFeed.RelayLeaseRetryInterval <= StatusFeedOptions.LongestRelayLeaseRetryInterval,
                $"Ingest:StatusFeed:RelayLeaseRetryInterval must be between {StatusFeedOptions.ShortestRelayLeaseRetryInterval} and {StatusFeedOptions.LongestRelayLeaseRetryInterval}.")
            .ValidateOnStart();

        // .NET gives the hosted services 30 s to stop, less than the drain may take plus what follows it in a cluster
        // (hand-off, leave, the actor system's end: up to 10 s each): past it the host would stop mid-leave.
        services.AddOptions<HostOptions>().Configure<IOptions<IngestOptions>>((host, ingest) =>
            host.ShutdownTimeout = ingest.Value.DrainTimeout + ShutdownBeyondDrain);

        // One store object serves the counts, the status outbox and the listings; tests may replace
        // ICounterStore alone with a decorator.
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<IngestOptions>>().Value;
            return new PrimaryStore(CounterStoreFactory.Create(options.Store, options.Policy));
        });
        services.AddSingleton(sp => sp.GetRequiredService<PrimaryStore>().Counters);
        services.AddSingleton(sp => (IStatusOutbox)sp.GetRequiredService<PrimaryStore>().Counters);
        services.AddSingleton(sp => (IOutboxSignal)sp.GetRequiredService<PrimaryStore>().Counters);
        services.AddSingleton(sp => (IDomainDirectory)sp.GetRequiredService<PrimaryStore>().Counters);
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<IngestOptions>>().Value;
            return RelayLeaseFactory.Create(options.Store, options.StatusFeed.RelayLeaseRetryInterval);
        });
        services.AddSingleton<StatusFeedQueries>();
        services.AddSingleton<StatusStreamSlots>();
        services.AddSingleton<StatusRelayMonitor>();
        services.AddSingleton(sp => new NodeIdentity(sp.GetRequiredService<IOptions<IngestOptions>>().Value.NodeName));
        services.AddSingleton(sp => new IngestCounters(sp.GetRequiredService<IOptions<IngestOptions>>().Value.Partitions));
        services.AddSingleton(sp => new IngestAdmission(sp.GetRequiredService<IOptions<IngestOptions>>().Value, sp.GetRequiredService<IngestCounters>()));
        services.AddSingleton(sp => new IngestStream(
            sp.GetRequiredService<IngestAdmission>(), sp.GetRequiredService<IngestCounters>(), sp.GetRequiredService<NodeIdentity>(),
            sp.GetRequiredService<IOptions<IngestOptions>>().Value));
        services.AddSingleton<Http.BulkSlots>();

        // Order matters: Akka starts first and stops last; the pipeline drains before the actor system stops.
        services.ConfigureAkka();
        services.AddHostedService<IngestPipelineService>();
        // After the pipeline service, whose start migrates the store.
        services.AddHostedService<Maintenance.LedgerPruningService>();
        services.AddInProcessGenerator(configuration);
        services.AddManagement(configuration);
        services.AddIngestTracing(configuration);
        services.AddIngestCluster(configuration);
        return services;
    }
}
