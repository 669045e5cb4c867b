namespace Akka.Ingest.Pipeline.Ingestion;

/// <summary>
/// The pipeline's totals since start and its per-partition statistics, written by admission and the committers
/// with interlocked operations and read by metrics, inspection and the dashboard without slowing the hot path.
/// </summary>
public sealed class IngestCounters(int partitions)
{
    private long _accepted;
    private long _rejected;
    private long _timedOut;
    private long _invalid;

    public IReadOnlyList<PartitionStats> Partitions { get; } = Enumerable.Range(0, partitions).Select(p => new PartitionStats(p)).ToArray();

    public long Accepted => Interlocked.Read(ref _accepted);

    /// <summary>Events refused at admission: their partition's queue had no room in time.</summary>
    public long Rejected => Interlocked.Read(ref _rejected);

    /// <summary>Events admitted, then withdrawn uncounted because they were not committed in time.</summary>
    public long TimedOut => Interlocked.Read(ref _timedOut);

    /// <summary>Events refused before admission because their domain is not a valid name.</summary>
    public long Invalid => Interlocked.Read(ref _invalid);

    public long Committed => Partitions.Sum(p => p.EventsCommitted);

    internal void CountAccepted(int partition, long events)
    {
        Interlocked.Add(ref _accepted, events);
        Partitions[partition].Admitted(events);
    }

    internal void CountRejected(long events) => Interlocked.Add(ref _rejected, events);

    internal void CountTimedOut(long events) => Interlocked.Add(ref _timedOut, events);

    internal void CountInvalid() => Interlocked.Increment(ref _invalid);
}
