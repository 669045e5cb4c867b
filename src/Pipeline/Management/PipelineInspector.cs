using Akka.Actor;
using Akka.Hosting;
using Akka.Ingest.Pipeline.Ingestion;
using Akka.Ingest.Pipeline.StatusFeed;
using Akka.Ingest.Writers;

namespace Akka.Ingest.Pipeline.Management;

/// <summary>
/// Reads the pipeline's counters (no locks, nothing on the hot path) and asks <c>/user/writers</c> for every
/// writer's state and backoff, for <c>/admin/pipeline</c>.
/// </summary>
public sealed class PipelineInspector(
    IngestCounters counters, IngestAdmission admission, IngestStream stream, NodeIdentity node,
    IRequiredActor<CommitLanesActor> writers, StatusRelayMonitor relay)
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(3);

    public Task<PipelineStatsView> ReadAsync(CancellationToken cancellationToken) =>
        ReadAsync(relay.ReadAsync, cancellationToken);

    /// <summary>The same for a reader that asks every second: the relay's lag is counted at a pace (<see cref="StatusRelayMonitor.ReadPacedAsync"/>).</summary>
    public Task<PipelineStatsView> ReadPacedAsync(CancellationToken cancellationToken) =>
        ReadAsync(relay.ReadPacedAsync, cancellationToken);

    private async Task<PipelineStatsView> ReadAsync(
        Func<CancellationToken, Task<StatusRelayView?>> readRelay, CancellationToken cancellationToken)
    {
        var writerStates = await ReadWriterStatesAsync(cancellationToken);
        return new PipelineStatsView(
            node.Id,
            stream.IsRunning,
            new EventTotalsView(counters.Accepted, counters.Committed,
                new RejectionsView(counters.Rejected, counters.TimedOut, counters.Invalid)),
            (int)admission.Queued,
            counters.Partitions
                .Select(p => View(p, p.Partition < writerStates.ByPartition.Count ? writerStates.ByPartition[p.Partition] : WriterState.Unknown(p.Partition)))
                .ToArray(),
            await readRelay(cancellationToken))
        {
            CommitWindowMs = writerStates.Lanes.Count > 0 ? writerStates.Lanes.Max(l => l.Window).TotalMilliseconds : null,
        };
    }

    private async Task<CommitLanesActor.WriterStates> ReadWriterStatesAsync(CancellationToken cancellationToken)
    {
        try
        {
            var actor = await writers.GetAsync(cancellationToken);
            return await actor.Ask<CommitLanesActor.WriterStates>(CommitLanesActor.GetWriterStates.Instance, AskTimeout, cancellationToken);
        }
        catch (AskTimeoutException)
        {
            return new CommitLanesActor.WriterStates([], []);
        }
    }

    private static PartitionStatsView View(PartitionStats stats, WriterState writer) => new(
        stats.Partition,
        stats.BufferedEvents,
        stats.InFlightEvents,
        stats.InFlightDomains,
        stats.BatchesCommitted,
        stats.RowsWritten,
        stats.EventsCommitted,
        stats.LastFlush.TotalMilliseconds,
        stats.FlushTimes.Percentile(50).TotalMilliseconds,
        stats.FlushTimes.Percentile(99).TotalMilliseconds,
        stats.WriterRestarts,
        writer.RestartCount,
        writer.Backoff?.TotalMilliseconds,
        writer.State,
        writer.Uid);
}
