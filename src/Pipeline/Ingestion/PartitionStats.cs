using System.Diagnostics;
using Akka.Ingest.Domain;
using Akka.Ingest.Stores;

namespace Akka.Ingest.Pipeline.Ingestion;

/// <summary>
/// Live counters of one partition, written by its committer and read by the management endpoints.
/// Plain interlocked fields: reading them never slows the hot path.
/// </summary>
public sealed class PartitionStats(int partition)
{
    private long _batchesCommitted;
    private long _rowsWritten;
    private long _eventsCommitted;
    private long _writeFailures;
    private long _inFlightEvents;
    private long _inFlightDomains;
    private long _lastFlushMicros;
    private long _admittedEvents;
    private long _takenEvents;
    private long _batchStartedTimestamp;

    public int Partition { get; } = partition;

    public long BatchesCommitted => Interlocked.Read(ref _batchesCommitted);

    public long RowsWritten => Interlocked.Read(ref _rowsWritten);

    public long EventsCommitted => Interlocked.Read(ref _eventsCommitted);

    public long WriteFailures => Interlocked.Read(ref _writeFailures);

    public long InFlightEvents => Interlocked.Read(ref _inFlightEvents);

    public long InFlightDomains => Interlocked.Read(ref _inFlightDomains);

    public TimeSpan LastFlush => TimeSpan.FromMicroseconds(Interlocked.Read(ref _lastFlushMicros));

    /// <summary>Store times of the recent committed batches, for the p99.</summary>
    public LatencyReservoir FlushTimes { get; } = new();

    /// <summary>Every failed write makes the writer throw, and its backoff supervisor restart it.</summary>
    public long WriterRestarts => WriteFailures;

    /// <summary>
    /// Events admitted for this partition and not yet taken by its committer: waiting in the admission queue or
    /// folding into the next batch. Briefly negative readings (taken before counted) are shown as zero.
    /// </summary>
    public long BufferedEvents => Math.Max(0, Interlocked.Read(ref _admittedEvents) - Interlocked.Read(ref _takenEvents));

    internal void Admitted(long events) => Interlocked.Add(ref _admittedEvents, events);

    /// <summary>How long the batch being written now has been at it; zero when none is.</summary>
    public TimeSpan InFlightFor(long nowTimestamp) =>
        Interlocked.Read(ref _batchStartedTimestamp) is var started and > 0 ? Stopwatch.GetElapsedTime(started, nowTimestamp) : TimeSpan.Zero;

    internal void BatchStarted(PendingBatch batch)
    {
        Interlocked.Exchange(ref _batchStartedTimestamp, Stopwatch.GetTimestamp());
        Interlocked.Exchange(ref _inFlightEvents, batch.Events);
        Interlocked.Exchange(ref _inFlightDomains, batch.DistinctDomains);
        Interlocked.Add(ref _takenEvents, batch.Events);
    }

    /// <summary>
    /// A client's request part taken for writing beside the node's batch (several may be in flight): it leaves the
    /// buffer, but the in-flight figures and the stall clock stay the node's batch's, which are one at a time.
    /// </summary>
    internal void ClientPartStarted(PendingBatch part) => Interlocked.Add(ref _takenEvents, part.Events);

    internal void BatchCommitted(CounterBatch batch, TimeSpan flush)
    {
        Interlocked.Increment(ref _batchesCommitted);
        Interlocked.Add(ref _rowsWritten, batch.Deltas.Count);
        Interlocked.Add(ref _eventsCommitted, batch.Events);
        Interlocked.Exchange(ref _lastFlushMicros, (long)flush.TotalMicroseconds);
        FlushTimes.Record(flush);
    }

    internal void WriteFailed() => Interlocked.Increment(ref _writeFailures);

    internal void BatchFinished()
    {
        Interlocked.Exchange(ref _batchStartedTimestamp, 0);
        Interlocked.Exchange(ref _inFlightEvents, 0);
        Interlocked.Exchange(ref _inFlightDomains, 0);
    }
}
