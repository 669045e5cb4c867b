using Akka.Ingest.Pipeline.Management;
using Akka.Ingest.Pipeline.StatusFeed;

namespace Akka.Ingest.Pipeline.Dashboard;

/// <summary>
/// One tick of the live dashboard: rates over the interval since the previous sample, the latency and batch
/// size of recent batches, totals since start, every partition's tile, the status feed's lag and the
/// transitions journaled since the previous sample, the latest domain census, and the cluster picture.
/// </summary>
public sealed record DashboardSample(
    long At,
    RatesView Rates,
    FlushView Flush,
    EventTotalsView Totals,
    long Queued,
    IReadOnlyList<PartitionTileView> Partitions,
    StatusRelayView? Relay,
    IReadOnlyList<DashboardTransition> Transitions,
    DomainCensusView? Domains,
    ClusterView Cluster);

/// <summary>Events per second over the last interval: admitted, committed, and refused by reason.</summary>
public sealed record RatesView(double Accepted, double Committed, double QueueFull, double TimedOut, double Invalid);

/// <summary>
/// The slowest partition's flush p50 and p99 (each over that partition's last 1,024 batches), and the mean
/// events per batch committed in the last interval (0 when none was).
/// </summary>
public sealed record FlushView(double P50Ms, double P99Ms, double EventsPerBatch);

/// <summary>
/// One partition as a tile. <see cref="Health"/> is <c>ok</c>, <c>behind</c> (its backlog would take longer than
/// <c>Dashboard:BehindAfter</c> at its recent rate), <c>backing-off</c> (its writer is waiting to restart or
/// restarted within <c>Dashboard:FailingWindow</c>) or <c>unknown</c> (its supervisor did not answer).
/// </summary>
public sealed record PartitionTileView(
    int Partition,
    string Health,
    long BufferedEvents,
    long InFlightEvents,
    double P99FlushMs,
    long Restarts,
    double? BackoffMs,
    string Writer,
    double CommittedPerSecond);

/// <summary>The latest census of the store's domains, when it was taken (Unix ms) and how long it took.</summary>
public sealed record DomainCensusView(long Known, long CatchAll, long NotCatchAll, long CountedAt, double TookMs);

/// <summary>
/// The nodes and which partitions each owns: <c>single-node</c> (this host, every partition) or <c>cluster</c>
/// (every member as this node sees it, and the partitions whose owner each one hosts).
/// </summary>
public sealed record ClusterView(string Mode, IReadOnlyList<ClusterMemberView> Members)
{
    public static ClusterView SingleNode(string nodeId, int partitions) =>
        new("single-node", [new ClusterMemberView(nodeId, "local", "up", true, Enumerable.Range(0, partitions).ToArray(), Leader: true)]);
}

/// <summary>
/// One member: its node id (its address, for another node), address, membership status (<c>up</c>,
/// <c>joining</c>, <c>weakly_up</c>, <c>leaving</c>, <c>exiting</c>, <c>down</c>, <c>removed</c>), whether it is
/// this node, the partitions it owns, whether it is the leader and whether this node reaches it.
/// </summary>
public sealed record ClusterMemberView(
    string Node, string Address, string Status, bool Self, IReadOnlyList<int> Partitions, bool Leader = false, bool Reachable = true);

/// <summary>What a page receives first: the host, the settings it draws with, the history so far and the latest transitions.</summary>
public sealed record DashboardHello(
    string NodeId,
    string Store,
    int Partitions,
    double SampleIntervalMs,
    double HistorySeconds,
    long StartedAt,
    IReadOnlyList<DashboardSample> History,
    IReadOnlyList<DashboardTransition> RecentTransitions);
