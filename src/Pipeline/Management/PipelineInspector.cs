using Akka.Actor;
using Akka.Hosting;
using Akka.Ingest.Pipeline.Config;
using Akka.Ingest.Pipeline.Ingestion;
using Akka.Ingest.Pipeline.StatusFeed;
using Akka.Ingest.Writers;
using Akka.Pattern;
using Microsoft.Extensions.Options;

namespace Akka.Ingest.Pipeline.Management;

/// <summary>
/// Reads the pipeline's counters (no locks, nothing on the hot path) and asks each partition's backoff
/// supervisor for its restart count and current writer, for <c>/admin/pipeline</c>.
/// </summary>
public sealed class PipelineInspector(
    IngestPipeline pipeline, IRequiredActor<PartitionWritersActor> writers, StatusRelayMonitor relay, IOptions<IngestOptions> options)
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(2);
    private IReadOnlyList<IActorRef>? _supervisors;

    public async Task<PipelineStatsView> ReadAsync(CancellationToken cancellationToken)
    {
        var supervisors = await SupervisorsAsync(cancellationToken);
        var writerStates = await Task.WhenAll(pipeline.Partitions.Select(p =>
            p.Partition < supervisors.Count ? AskWriterStateAsync(supervisors[p.Partition], cancellationToken) : Task.FromResult(WriterState.Unknown)));

        return new PipelineStatsView(
            pipeline.NodeId,
            pipeline.IsRunning,
            new EventTotalsView(pipeline.Accepted, pipeline.Committed,
                new RejectionsView(pipeline.Rejected, pipeline.TimedOut, pipeline.Invalid)),
            pipeline.Queued,
            pipeline.Partitions.Select(p => View(p, writerStates[p.Partition])).ToArray(),
            await relay.ReadAsync(cancellationToken));
    }

    /// <summary>The nominal delay of the restart that made the count <paramref name="restartCount"/> (the supervisor doubles it each time).</summary>
    public static TimeSpan BackoffAfter(int restartCount, TimeSpan min, TimeSpan max) =>
        restartCount <= 0
            ? TimeSpan.Zero
            : TimeSpan.FromTicks((long)Math.Min(max.Ticks, min.Ticks * Math.Pow(2, restartCount - 1)));

    private PartitionStatsView View(PartitionStats stats, WriterState writer) => new(
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
        writer.RestartCount is { } count
            ? BackoffAfter(count, options.Value.WriterMinBackoff, options.Value.WriterMaxBackoff).TotalMilliseconds
            : null,
        writer.Name,
        writer.Uid);

    private async Task<IReadOnlyList<IActorRef>> SupervisorsAsync(CancellationToken cancellationToken)
    {
        // The supervisors are created once with the writers and never replaced: ask for them once.
        if (_supervisors is null)
        {
            var reply = await (await writers.GetAsync(cancellationToken)).Ask<PartitionWritersActor.Supervisors>(
                PartitionWritersActor.GetSupervisors.Instance, AskTimeout, cancellationToken);
            _supervisors = reply.ByPartition;
        }
        return _supervisors;
    }

    private static async Task<WriterState> AskWriterStateAsync(IActorRef supervisor, CancellationToken cancellationToken)
    {
        try
        {
            var restarts = supervisor.Ask<BackoffSupervisor.RestartCount>(BackoffSupervisor.GetRestartCount.Instance, AskTimeout, cancellationToken);
            var child = supervisor.Ask<BackoffSupervisor.CurrentChild>(BackoffSupervisor.GetCurrentChild.Instance, AskTimeout, cancellationToken);
            var current = (await child).Ref;
            var running = current is not null && !current.IsNobody();
            return new WriterState(running ? "running" : "backing-off", (await restarts).Count, running ? current!.Path.Uid : null);
        }
        catch (AskTimeoutException)
        {
            return WriterState.Unknown;
        }
    }

    private sealed record WriterState(string Name, int? RestartCount, long? Uid)
    {
        public static WriterState Unknown { get; } = new("unknown", null, null);
    }
}
