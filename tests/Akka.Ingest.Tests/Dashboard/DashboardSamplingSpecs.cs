using Akka.Ingest.Pipeline.Dashboard;
using Akka.Ingest.Pipeline.Management;

namespace Akka.Ingest.Tests.Dashboard;

/// <summary>The dashboard's arithmetic: rates from two reads, partition health, and the bounded history.</summary>
public sealed class DashboardSamplingSpecs
{
    private static readonly DashboardOptions Options = new();

    [Fact]
    public void Should_turn_two_reads_into_rates_and_a_mean_batch_size()
    {
        var before = Reading(at: 10_000, accepted: 100, committed: 90, queueFull: 1, timedOut: 0, invalid: 2,
            Partition(0, eventsCommitted: 50, batches: 5), Partition(1, eventsCommitted: 40, batches: 4));
        var after = Reading(at: 12_000, accepted: 1_100, committed: 890, queueFull: 21, timedOut: 4, invalid: 2,
            Partition(0, eventsCommitted: 450, batches: 7, p50: 3, p99: 12), Partition(1, eventsCommitted: 440, batches: 6, p50: 5, p99: 9));

        var sample = DashboardSampleBuilder.Build(after, before, before, Options, [], null, ClusterView.SingleNode("n", 2));

        Assert.Equal(new RatesView(Accepted: 500, Committed: 400, QueueFull: 10, TimedOut: 2, Invalid: 0), sample.Rates);
        // 800 events in 4 batches; the slowest partition's percentiles.
        Assert.Equal(new FlushView(P50Ms: 5, P99Ms: 12, EventsPerBatch: 200), sample.Flush);
        Assert.Equal([200.0, 200.0], sample.Partitions.Select(p => p.CommittedPerSecond));
        Assert.Equal(after.Stats.Events, sample.Totals);
    }

    [Fact]
    public void Should_show_no_rate_before_a_second_read()
    {
        var only = Reading(at: 5_000, accepted: 10, committed: 10, queueFull: 0, timedOut: 0, invalid: 0, Partition(0, eventsCommitted: 10, batches: 1));

        var sample = DashboardSampleBuilder.Build(only, null, null, Options, [], null, ClusterView.SingleNode("n", 1));

        Assert.Equal(new RatesView(0, 0, 0, 0, 0), sample.Rates);
        Assert.Equal(0, sample.Flush.EventsPerBatch);
        Assert.Equal(PartitionHealth.Ok, sample.Partitions.Single().Health);
    }

    [Fact]
    public void Should_flag_a_writer_waiting_to_restart_or_restarted_within_the_window_as_backing_off()
    {
        var calm = Partition(0, eventsCommitted: 100, batches: 10);

        Assert.Equal(PartitionHealth.BackingOff, PartitionHealth.Classify(calm with { Writer = "backing-off" }, calm, 10, Options));
        // Running again at the moment of the read, but it restarted since the start of the window.
        Assert.Equal(PartitionHealth.BackingOff, PartitionHealth.Classify(calm with { WriterRestarts = 3 }, calm with { WriterRestarts = 2 }, 10, Options));
        Assert.Equal(PartitionHealth.Ok, PartitionHealth.Classify(calm with { WriterRestarts = 3 }, calm with { WriterRestarts = 3 }, 10, Options));
        Assert.Equal(PartitionHealth.Unknown, PartitionHealth.Classify(calm with { Writer = "unknown" }, calm, 10, Options));
    }

    [Fact]
    public void Should_flag_a_partition_whose_backlog_outlasts_its_recent_rate_as_behind()
    {
        var earlier = Partition(0, eventsCommitted: 0, batches: 0);
        // 1,000 events/s over the last 10 s: 5 s of backlog is 5,000 events.
        var now = Partition(0, eventsCommitted: 10_000, batches: 10);

        Assert.Equal(PartitionHealth.Ok, PartitionHealth.Classify(now with { BufferedEvents = 5_000 }, earlier, 10, Options));
        Assert.Equal(PartitionHealth.Behind, PartitionHealth.Classify(now with { BufferedEvents = 5_001 }, earlier, 10, Options));
        // Buffering and committing nothing is behind, but never below the floor.
        Assert.Equal(PartitionHealth.Behind, PartitionHealth.Classify(earlier with { BufferedEvents = 1_000 }, earlier, 10, Options));
        Assert.Equal(PartitionHealth.Ok, PartitionHealth.Classify(earlier with { BufferedEvents = 999 }, earlier, 10, Options));
    }

    [Fact]
    public void Should_keep_only_the_newest_samples_oldest_first()
    {
        var ring = new SampleRing<int>(3);
        Assert.Empty(ring.ToArray());

        for (var i = 1; i <= 5; i++)
            ring.Add(i);

        Assert.Equal([3, 4, 5], ring.ToArray());
        Assert.Equal(3, ring.Count);
        Assert.Equal(300, new DashboardOptions().HistoryLength);
    }

    private static PipelineReading Reading(
        long at, long accepted, long committed, long queueFull, long timedOut, long invalid, params PartitionStatsView[] partitions) =>
        new(at, new PipelineStatsView("n", true, new EventTotalsView(accepted, committed, new RejectionsView(queueFull, timedOut, invalid)), 0, partitions, null));

    private static PartitionStatsView Partition(int partition, long eventsCommitted, long batches, double p50 = 0, double p99 = 0) =>
        new(partition, BufferedEvents: 0, InFlightEvents: 0, InFlightDomains: 0, BatchesCommitted: batches, RowsWritten: batches,
            EventsCommitted: eventsCommitted, LastFlushMs: p50, P50FlushMs: p50, P99FlushMs: p99, WriterRestarts: 0, RestartCount: 0,
            CurrentBackoffMs: 0, Writer: "running", WriterUid: 1);
}
