using Akka.Hosting;
using Akka.Ingest.Pipeline.Cluster;
using Akka.Ingest.Inspection;
using Akka.Ingest.StatusFeed;
using Akka.Ingest.Stores;
using Akka.Ingest.Writers;
using Akka.Ingest.Pipeline.Health;
using Akka.Ingest.Scheduling;
using Akka.Logger.Serilog;
using Akka.Persistence.Sql.Hosting;
using Akka.Persistence.Sql.Config;
using LinqToDB;
using LinqToDB.Data;
using LinqToDB.DataProvider.PostgreSQL;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Akka.Ingest.Pipeline.Config;

/// <summary>Wires the actor system: Serilog logging and the partition writers.</summary>
public static class AkkaConfiguration
{
    public const string ActorSystemName = "akka-ingest";

    public static IServiceCollection ConfigureAkka(this IServiceCollection services) =>
        services.AddAkka(ActorSystemName, (builder, sp) => builder
            // The host orders shutdown (web server, then the pipeline's drain, then the actor system);
            // Akka's own SIGTERM hook would race it and stop the writers while requests still wait.
            .AddHocon("akka.coordinated-shutdown.run-by-clr-shutdown-hook = off", HoconAddMode.Prepend)
            // Akka's default scheduler wakes the process every tick whether anything is due or not (at its default 10 ms
            // most of an idle node's CPU); this one wakes it only when a timer is due (docs/BENCHMARKS.md).
            .AddHocon($"akka.scheduler.implementation = \"{TimerQueueScheduler.Implementation}\"", HoconAddMode.Prepend)
            // The drain runs in this phase, which has Akka's default 5 s: past it the hand-off, the leave and the
            // system's end would go on under a drain still writing. It gets the drain's own deadline and a margin.
            .AddHocon(ServiceRequestsDoneTimeout(sp.GetRequiredService<IOptions<IngestOptions>>().Value), HoconAddMode.Prepend)
            .ConfigureIngestLogging()
            .ConfigureStatusFeed(sp)
            .ConfigureWriters(sp)
            .ConfigureCluster(sp)
            .AddActorHierarchy());

    /// <summary>The margin the drain's phase gets over <see cref="IngestOptions.DrainTimeout"/>.</summary>
    public static readonly TimeSpan DrainPhaseMargin = TimeSpan.FromSeconds(5);

    internal static string ServiceRequestsDoneTimeout(IngestOptions options) =>
        $"akka.coordinated-shutdown.phases.service-requests-done.timeout = {(long)(options.DrainTimeout + DrainPhaseMargin).TotalMilliseconds}ms";

    public static AkkaConfigurationBuilder ConfigureIngestLogging(this AkkaConfigurationBuilder builder) =>
        builder.ConfigureLoggers(loggers =>
        {
            loggers.ClearLoggers();
            loggers.AddSerilogLogging();
        });

    /// <summary>
    /// Akka.Persistence.Sql in the counts' own database (PostgreSQL or SQLite), and the feed's serializer
    /// and tagger. The relay itself starts with the pipeline, once the database is reachable.
    /// </summary>
    public static AkkaConfigurationBuilder ConfigureStatusFeed(this AkkaConfigurationBuilder builder, IServiceProvider sp)
    {
        var options = sp.GetRequiredService<IOptions<IngestOptions>>().Value;
        var connectionString = options.Store.ConnectionString is { Length: > 0 } configured
            ? configured
            : CounterStoreOptions.DefaultSqliteConnectionString;
        if (options.Store.Kind == StoreKind.Postgres)
        {
            UseBinaryCopyForJournalBatches();
            // The journal's pool is part of the node's connection budget (docs/SCALING.md), not Npgsql's 100.
            connectionString = WithJournalPoolSize(connectionString, options.Store.JournalPoolSize);
        }
        return builder
            .WithSqlPersistence(
                connectionString: connectionString,
                providerName: options.Store.Kind == StoreKind.Postgres ? ProviderName.PostgreSQL15 : ProviderName.SQLiteMS,
                autoInitialize: true,
                // The tag in the journal row (a CSV column) rather than a tag table: with a tag table the plugin inserts
                // each event alone to learn its ordering id, which capped the relay at a few thousand transitions/s.
                tagStorageMode: TagMode.Csv,
                journalBuilder: journal => journal
                    .AddWriteEventAdapter<StatusChangeTagger>("status-change-tagger", [typeof(DomainStatusChanged)])
                    // The feed's journal joins readiness: a node whose journal cannot answer is not ready.
                    .WithHealthCheck(HealthStatus.Unhealthy, "journal", [HealthEndpoints.ReadyTag]))
            .WithCustomSerializer("status-feed", [typeof(IStatusFeedEvent)], system => new StatusFeedSerializer(system))
            .AddHocon(
                $"""
                 akka.persistence.query.journal.sql.refresh-interval = {(long)options.StatusFeed.QueryRefreshInterval.TotalMilliseconds}ms
                 akka.persistence.journal.sql.batch-size = {options.StatusFeed.JournalBatchSize}
                 """,
                HoconAddMode.Prepend);
    }

    /// <summary>
    /// A malformed string is left as it is: the counter store refuses it at start-up with the setting's name, which
    /// says more than Npgsql's parser would here.
    /// </summary>
    private static string WithJournalPoolSize(string connectionString, int journalPoolSize)
    {
        try
        {
            return new Npgsql.NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = journalPoolSize }.ConnectionString;
        }
        catch (ArgumentException)
        {
            return connectionString;
        }
    }

    /// <summary>
    /// The journal writes a batch of more than <c>max-row-by-row-size</c> events with linq2db's bulk copy in its default
    /// mode for the provider. For PostgreSQL that default is one multi-row <c>INSERT</c> whose values (the serialized
    /// events as hex literals) are rendered into the SQL text, which the host builds and PostgreSQL parses and plans
    /// anew for every batch; PostgreSQL's binary <c>COPY</c> sends the same rows without either.
    /// </summary>
    private static void UseBinaryCopyForJournalBatches() =>
        PostgreSQLOptions.Default = PostgreSQLOptions.Default with { BulkCopyType = BulkCopyType.ProviderSpecific };

    public static AkkaConfigurationBuilder ConfigureWriters(this AkkaConfigurationBuilder builder, IServiceProvider sp)
    {
        var options = sp.GetRequiredService<IOptions<IngestOptions>>().Value;
        return builder.AddCommitLanes(sp.GetRequiredService<ICounterStore>(), options.CommitLaneSettings, options.Partitions);
    }
}
