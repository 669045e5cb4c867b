using System.ComponentModel.DataAnnotations;
using Akka.Ingest.Domain;
using Akka.Ingest.Stores;
using Akka.Ingest.Writers;

namespace Akka.Ingest.Pipeline.Config;

/// <summary>The <c>Ingest</c> section of the configuration.</summary>
public sealed class IngestOptions
{
    public const string Section = "Ingest";

    public CounterStoreOptions Store { get; set; } = new();

    /// <summary>More than this many deliveries and no bounce makes a domain catch-all.</summary>
    [Range(0, long.MaxValue)]
    public long CatchAllThreshold { get; set; } = CatchAllPolicy.DefaultThreshold;

    /// <summary>
    /// Fixed number of partitions, each with its own admission queue, batch and ledger origin. Two by default: on the 2-core benchmark machine
    /// fewer, larger transactions beat more concurrent ones (docs/BENCHMARKS.md: +6–29% over 4 partitions).
    /// </summary>
    [Range(1, 256)]
    public int Partitions { get; set; } = 2;

    /// <summary>
    /// Events admitted and waiting to enter a partition's batch, whatever the envelopes' sizes, shared equally by
    /// the partitions; when a partition's share is full, its requests wait (<see cref="AdmissionWait"/>), then get
    /// 503, and the in-process generator waits.
    /// </summary>
    [Range(1, 10_000_000)]
    public int QueueCapacity { get; set; } = 100_000;

    /// <summary>Most events one partition folds into a batch while its writer is busy.</summary>
    [Range(1, 10_000_000)]
    public int MaxBatchEvents { get; set; } = 20_000;

    /// <summary>
    /// How long a request waits for room in a full partition queue before it is refused (503): short, so a stalled
    /// partition turns its requests away quickly instead of holding their connections. At most <see cref="RequestTimeout"/>.
    /// </summary>
    public TimeSpan AdmissionWait { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Bulk requests that may hold their body in memory at once; others wait for a slot, then get 503.</summary>
    [Range(1, 1024)]
    public int MaxConcurrentBulks { get; set; } = 2;

    /// <summary>
    /// The longest a bulk body may take to arrive once it holds a slot (<see cref="MaxConcurrentBulks"/>); a slower one
    /// is answered 408 and nothing of it is counted. Without it a client trickling a chunked body just above Kestrel's
    /// minimum data rate (240 B/s) holds a slot for days. 60 s takes a 64 MiB body at about 1.1 MB/s.
    /// </summary>
    public TimeSpan BulkReadTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// A partition whose batch has been in the writing longer than this is stalled (a row held by another session,
    /// its store frozen): its new requests are refused at once (503) instead of waiting, while the other partitions
    /// go on.
    /// </summary>
    public TimeSpan StallThreshold { get; set; } = TimeSpan.FromSeconds(2);

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

    /// <summary>Names this node in its origin ids; a full GUID is added at each start, so no two runs share one.</summary>
    public string NodeName { get; set; } = Environment.MachineName;

    public StatusFeedOptions StatusFeed { get; set; } = new();

    public IngestClusterOptions Cluster { get; set; } = new();

    public CatchAllPolicy Policy => new(CatchAllThreshold);

    /// <summary>
    /// Commit lanes per node: each commits the ready batches of all its partitions in one transaction, at most one
    /// transaction per <see cref="CommitWindow"/>, so the transactions a node starts do not grow with the partitions.
    /// One by default: measured on two cores (docs/BENCHMARKS.md, round 6), a second lane doubled the transactions of
    /// a paced load and did not raise the saturated rate, because a lane's transaction grows with the load instead.
    /// </summary>
    [Range(1, 64)]
    public int CommitLanes { get; set; } = 1;

    /// <summary>
    /// The shortest time between the starts of two transactions of a lane on one node; with N nodes sharing the
    /// database each node's lanes wait N times as long (up to <see cref="MaxCommitWindow"/>), so the cluster as a whole
    /// starts no more transactions than one node. An idle lane does not wait: the first batch after a quiet window
    /// commits at once. Zero: no window (a lane commits again as soon as its last commit returns).
    /// </summary>
    public TimeSpan CommitWindow { get; set; } = TimeSpan.FromMilliseconds(5);

    /// <summary>The longest a lane's window grows to, however many nodes share the database.</summary>
    public TimeSpan MaxCommitWindow { get; set; } = TimeSpan.FromMilliseconds(25);

    public CommitLaneSettings CommitLaneSettings => new(
        Math.Min(CommitLanes, Partitions), CommitWindow, MaxCommitWindow, MaxBatchEvents, new RetryBackoff(WriterMinBackoff, WriterMaxBackoff));
}
