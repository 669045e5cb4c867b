namespace Akka.Ingest.Ctl.Client;

/// <summary><c>/admin/pipeline</c>.</summary>
public sealed record PipelineStats(
    string NodeId, bool Running, EventTotals Events, int Queued, IReadOnlyList<PartitionStats> Partitions, StatusRelayStats? StatusRelay = null);

/// <summary>The status relay on this node: <see cref="Pending"/> transitions committed but not yet journaled (the feed's lag).</summary>
public sealed record StatusRelayStats(long RelayedThrough, long Journaled, long Pending);

/// <summary>Events per second between two readings of the totals.</summary>
public sealed record EventRates(double Accepted, double Committed, double Rejected)
{
    public static EventRates Between(EventTotals before, EventTotals after, TimeSpan elapsed)
    {
        var seconds = Math.Max(elapsed.TotalSeconds, 0.001);
        return new EventRates(
            Math.Max(0, after.Accepted - before.Accepted) / seconds,
            Math.Max(0, after.Committed - before.Committed) / seconds,
            Math.Max(0, after.Rejected.Total - before.Rejected.Total) / seconds);
    }
}

public sealed record EventTotals(long Accepted, long Committed, Rejections Rejected);

public sealed record Rejections(long QueueFull, long TimedOut, long Invalid, long Total);

public sealed record PartitionStats(
    int Partition,
    long BufferedEvents,
    long InFlightEvents,
    long InFlightDomains,
    long BatchesCommitted,
    long RowsWritten,
    long EventsCommitted,
    double LastFlushMs,
    double P99FlushMs,
    long WriterRestarts,
    int? RestartCount,
    double? CurrentBackoffMs,
    string Writer,
    long? WriterUid);
