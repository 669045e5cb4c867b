using Akka.Ingest.Pipeline.StatusFeed;

namespace Akka.Ingest.Pipeline.Management;

/// <summary>
/// The answer of <c>/admin/pipeline</c>: totals since start, the state of every partition, and the status
/// relay's lag (null where the relay does not run on this node). <see cref="CommitWindowMs"/>: the commit lanes'
/// window now (it grows with the members Up in a cluster); null when the lanes did not answer.
/// </summary>
public sealed record PipelineStatsView(
    string NodeId,
    bool Running,
    EventTotalsView Events,
    int Queued,
    IReadOnlyList<PartitionStatsView> Partitions,
    StatusRelayView? StatusRelay)
{
    public double? CommitWindowMs { get; init; }
}

/// <summary>Events since start: admitted, committed, and refused by reason.</summary>
public sealed record EventTotalsView(long Accepted, long Committed, RejectionsView Rejected);

/// <summary>
/// Events refused: <see cref="QueueFull"/> never admitted, <see cref="TimedOut"/> withdrawn before any write
/// held them, <see cref="Invalid"/> not a valid domain. None of them was counted.
/// </summary>
public sealed record RejectionsView(long QueueFull, long TimedOut, long Invalid)
{
    public long Total => QueueFull + TimedOut + Invalid;
}

/// <summary>
/// One partition. Flush times are the store time of the committing write (the p50 and p99 over the last
/// 1,024 batches). <see cref="WriterRestarts"/> counts the failed write attempts of this partition's batches;
/// <see cref="RestartCount"/> is its commit lane's failures in a row (0 once a write succeeds) and
/// <see cref="CurrentBackoffMs"/> what is left of the lane's backoff; both are null when the lane did not answer.
/// <see cref="Writer"/>: running, backing-off, isolated (committing alone after a lock timeout) or unknown;
/// <see cref="WriterUid"/> the lane's incarnation.
/// </summary>
public sealed record PartitionStatsView(
    int Partition,
    long BufferedEvents,
    long InFlightEvents,
    long InFlightDomains,
    long BatchesCommitted,
    long RowsWritten,
    long EventsCommitted,
    double LastFlushMs,
    double P50FlushMs,
    double P99FlushMs,
    long WriterRestarts,
    int? RestartCount,
    double? CurrentBackoffMs,
    string Writer,
    long? WriterUid);
