using Akka.Ingest.Pipeline.Management;

namespace Akka.Ingest.Pipeline.Dashboard;

/// <summary>Tells at a glance how a partition is doing, from two reads of its counters some seconds apart.</summary>
public static class PartitionHealth
{
    public const string Ok = "ok";
    public const string Behind = "behind";
    public const string BackingOff = "backing-off";
    public const string Unknown = "unknown";

    /// <summary>
    /// Backing off when the writer is waiting to restart, or restarted since <paramref name="windowStart"/>
    /// (between two reads a writer can fail and restart unseen); behind when at least
    /// <see cref="DashboardOptions.BehindMinEvents"/> events are buffered and they would take longer than
    /// <see cref="DashboardOptions.BehindAfter"/> at the rate it committed since <paramref name="windowStart"/>.
    /// </summary>
    public static string Classify(PartitionStatsView now, PartitionStatsView? windowStart, double windowSeconds, DashboardOptions options)
    {
        if (now.Writer == "backing-off" || (windowStart is not null && now.WriterRestarts > windowStart.WriterRestarts))
            return BackingOff;
        if (now.Writer == "unknown")
            return Unknown;

        var rate = CommittedPerSecond(now, windowStart, windowSeconds);
        return now.BufferedEvents >= options.BehindMinEvents && now.BufferedEvents > rate * options.BehindAfter.TotalSeconds
            ? Behind
            : Ok;
    }

    public static double CommittedPerSecond(PartitionStatsView now, PartitionStatsView? earlier, double seconds) =>
        earlier is null || seconds <= 0 ? 0 : Math.Max(0, now.EventsCommitted - earlier.EventsCommitted) / seconds;
}
