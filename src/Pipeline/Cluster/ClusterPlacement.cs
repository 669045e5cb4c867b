using Akka.Actor;
using Akka.Cluster.Sharding;
using Akka.Hosting;

namespace Akka.Ingest.Pipeline.Cluster;

/// <summary>
/// Where the partition owners run, refreshed in the background every <see cref="RefreshInterval"/> so a scrape
/// or a dashboard sample never waits on the cluster: the partitions whose owner entity runs on this node (asked
/// of the local shard region) and, cluster-wide, which node hosts which partition (the regions' statistics).
/// Read defensively: without a partition-owner region (owner routing off, or not started yet) nothing is owned
/// here and the placement is empty; a region that does not answer keeps the last answer it gave.
/// </summary>
public sealed class ClusterPlacement(ActorSystem system, OwnerRouting routing, ILogger<ClusterPlacement> log) : BackgroundService
{
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(3);

    private volatile Snapshot _latest = Snapshot.Empty;

    /// <summary>Partitions whose owner runs on this node; 0 when owner routing is off or no region runs.</summary>
    public int OwnedHere => _latest.OwnedHere;

    /// <summary>The partitions each node's region hosts, by the node's address.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<int>> ByNode => _latest.ByNode;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(RefreshInterval);
        do
        {
            await RefreshAsync(stoppingToken);
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        if (!routing.RoutesToOwners || !ActorRegistry.For(system).TryGet<PartitionOwnerRegion>(out var region))
        {
            _latest = Snapshot.Empty;
            return;
        }
        try
        {
            var local = await region.Ask<CurrentShardRegionState>(GetShardRegionState.Instance, AskTimeout, cancellationToken);
            var stats = await region.Ask<ClusterShardingStats>(new GetClusterShardingStats(AskTimeout), AskTimeout + TimeSpan.FromSeconds(1), cancellationToken);
            var byNode = stats.Regions.ToDictionary(
                r => r.Key.ToString(),
                r => (IReadOnlyList<int>)r.Value.Stats.Where(s => s.Value > 0).Select(s => int.TryParse(s.Key, out var p) ? p : -1)
                    .Where(p => p >= 0).Order().ToArray(),
                StringComparer.Ordinal);
            _latest = new Snapshot(local.Shards.Count(s => s.EntityIds.Count > 0), byNode);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // Never fatal: a scrape or a dashboard sample shows the last placement read rather than none.
            log.LogDebug(ex, "The partition-owner region did not answer; the placement stays as last read");
        }
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private sealed record Snapshot(int OwnedHere, IReadOnlyDictionary<string, IReadOnlyList<int>> ByNode)
    {
        public static Snapshot Empty { get; } = new(0, new Dictionary<string, IReadOnlyList<int>>());
    }
}
