using System.ComponentModel.DataAnnotations;
using Akka.Ingest.Domain;
using Akka.Ingest.Stores;

namespace Akka.Ingest.Pipeline.Config;

/// <summary>The <c>Ingest</c> section of the configuration.</summary>
public sealed class IngestOptions
{
    public const string Section = "Ingest";

    public CounterStoreOptions Store { get; set; } = new();

    /// <summary>More than this many deliveries and no bounce makes a domain catch-all.</summary>
    [Range(0, long.MaxValue)]
    public long CatchAllThreshold { get; set; } = CatchAllPolicy.DefaultThreshold;

    /// <summary>Fixed number of partitions, each with its own batch and writer.</summary>
    [Range(1, 256)]
    public int Partitions { get; set; } = 4;

    /// <summary>
    /// Events admitted and waiting to enter a partition's batch, whatever the envelopes' sizes; when full,
    /// requests wait, then get 503, and the in-process generator waits.
    /// </summary>
    [Range(1, 10_000_000)]
    public int QueueCapacity { get; set; } = 100_000;

    /// <summary>Most events one partition folds into a batch while its writer is busy.</summary>
    [Range(1, 10_000_000)]
    public int MaxBatchEvents { get; set; } = 20_000;

    /// <summary>How long a PUT waits for its commit before it is withdrawn and answered 503.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long one write may take before it is treated as ambiguous and sent again.</summary>
    public TimeSpan WriteTimeout { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan WriterMinBackoff { get; set; } = TimeSpan.FromMilliseconds(100);

    public TimeSpan WriterMaxBackoff { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The Retry-After sent with a 503.</summary>
    [Range(1, 3600)]
    public int RetryAfterSeconds { get; set; } = 1;

    /// <summary>How long shutdown waits for buffered batches to commit.</summary>
    public TimeSpan DrainTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long start-up waits for the store to answer before giving up.</summary>
    public TimeSpan StoreStartupTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Names this node's writers; a fresh random suffix each start keeps batch sequences unique.</summary>
    public string NodeName { get; set; } = Environment.MachineName;

    public StatusFeedOptions StatusFeed { get; set; } = new();

    public IngestClusterOptions Cluster { get; set; } = new();

    public CatchAllPolicy Policy => new(CatchAllThreshold);
}
