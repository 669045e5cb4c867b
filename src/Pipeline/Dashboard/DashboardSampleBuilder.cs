using Akka.Ingest.Pipeline.Management;
using Akka.Ingest.Pipeline.StatusFeed;

namespace Akka.Ingest.Pipeline.Dashboard;

/// <summary>Turns reads of the pipeline's counters into a <see cref="DashboardSample"/>: rates are differences over elapsed time.</summary>
public static class DashboardSampleBuilder
{
    /// <param name="current">The read this sample shows.</param>
    /// <param name="previous">The read before it (null for the first sample: rates are then zero).</param>
    /// <param name="windowStart">The oldest read within <see cref="DashboardOptions.FailingWindow"/>, for partition health.</param>
    public static DashboardSample Build(
        PipelineReading current,
        PipelineReading? previous,
        PipelineReading? windowStart,
        DashboardOptions options,
        IReadOnlyList<DashboardTransition> transitions,
        DomainCensusView? census,
        ClusterView cluster)
    {
        var stats = current.Stats;
        var seconds = previous is null ? 0 : current.SecondsSince(previous);
        var windowSeconds = windowStart is null ? 0 : current.SecondsSince(windowStart);

        return new DashboardSample(
            current.At,
            Rates(stats.Events, previous?.Stats.Events, seconds),
            Flush(stats.Partitions, previous?.Stats.Partitions),
            stats.Events,
            stats.Queued,
            stats.Partitions.Select(p =>
            {
                var earlier = At(windowStart?.Stats.Partitions, p.Partition);
                return new PartitionTileView(
                    p.Partition,
                    PartitionHealth.Classify(p, earlier, windowSeconds, options),
                    p.BufferedEvents,
                    p.InFlightEvents,
                    p.P99FlushMs,
                    p.WriterRestarts,
                    p.CurrentBackoffMs,
                    p.Writer,
                    PartitionHealth.CommittedPerSecond(p, At(previous?.Stats.Partitions, p.Partition), seconds));
            }).ToArray(),
            stats.StatusRelay,
            transitions,
            census,
            cluster);
    }

    private static RatesView Rates(EventTotalsView now, EventTotalsView? before, double seconds)
    {
        if (before is null || seconds <= 0)
            return new RatesView(0, 0, 0, 0, 0);
        return new RatesView(
            PerSecond(now.Accepted, before.Accepted),
            PerSecond(now.Committed, before.Committed),
            PerSecond(now.Rejected.QueueFull, before.Rejected.QueueFull),
            PerSecond(now.Rejected.TimedOut, before.Rejected.TimedOut),
            PerSecond(now.Rejected.Invalid, before.Rejected.Invalid));

        double PerSecond(long after, long earlier) => Math.Max(0, after - earlier) / seconds;
    }

    private static FlushView Flush(IReadOnlyList<PartitionStatsView> now, IReadOnlyList<PartitionStatsView>? before)
    {
        long events = 0, batches = 0;
        foreach (var partition in now)
        {
            var earlier = At(before, partition.Partition);
            events += partition.EventsCommitted - (earlier?.EventsCommitted ?? partition.EventsCommitted);
            batches += partition.BatchesCommitted - (earlier?.BatchesCommitted ?? partition.BatchesCommitted);
        }

        return new FlushView(
            now.Count == 0 ? 0 : now.Max(p => p.P50FlushMs),
            now.Count == 0 ? 0 : now.Max(p => p.P99FlushMs),
            batches > 0 ? (double)events / batches : 0);
    }

    private static PartitionStatsView? At(IReadOnlyList<PartitionStatsView>? partitions, int partition) =>
        partitions is not null && partition < partitions.Count && partitions[partition].Partition == partition
            ? partitions[partition]
            : partitions?.FirstOrDefault(p => p.Partition == partition);
}
