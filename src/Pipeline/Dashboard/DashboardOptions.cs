using System.ComponentModel.DataAnnotations;

namespace Akka.Ingest.Pipeline.Dashboard;

/// <summary>The <c>Dashboard</c> section: how often the live dashboard samples, how much it keeps, and what it flags.</summary>
public sealed class DashboardOptions
{
    public const string Section = "Dashboard";

    /// <summary>Time between two samples (and two updates of every open page).</summary>
    public TimeSpan SampleInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How far back the charts reach: the ring keeps this span of samples.</summary>
    public TimeSpan History { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// The shortest time between two domain censuses (full counts in the store). The census also waits at
    /// least 20 times as long as the previous one took, so it never uses more than 5 % of one connection.
    /// </summary>
    public TimeSpan CensusInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>A partition whose writer restarted within this span is shown as backing off.</summary>
    public TimeSpan FailingWindow { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>A partition is behind when its buffered events would take longer than this to commit at its recent rate.</summary>
    public TimeSpan BehindAfter { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Below this many buffered events a partition is never called behind (start-up, idle partitions).</summary>
    [Range(0, long.MaxValue)]
    public long BehindMinEvents { get; set; } = 1000;

    /// <summary>How many of the latest status transitions the feed panel keeps.</summary>
    [Range(1, 1000)]
    public int FeedLength { get; set; } = 50;

    public int HistoryLength => Math.Max(1, (int)Math.Ceiling(History / SampleInterval));
}
