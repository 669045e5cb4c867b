namespace Akka.Ingest.Ctl.Client;

/// <summary><c>/admin/pipeline</c>.</summary>
public sealed record PipelineStats(string NodeId, bool Running, EventTotals Events, int Queued, IReadOnlyList<PartitionStats> Partitions);

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
