using Akka.Actor;
using Akka.Cluster;
using Akka.Cluster.Sharding;
using Akka.Hosting;

namespace Akka.Ingest.Pipeline.Cluster;

/// <summary>Reads the cluster's membership and the partition owners' placement for <c>/admin/cluster</c>.</summary>
public sealed class ClusterInspector(ActorSystem system, OwnerRouting routing)
{
    private static readonly TimeSpan StatsTimeout = TimeSpan.FromSeconds(5);

    /// <summary>False when this host runs without a cluster (the single-node default).</summary>
    public bool IsClustered => system.Settings.ProviderClass.Contains("Cluster", StringComparison.Ordinal);

    /// <summary>Whether a partition-owner region runs (<c>Ingest:Cluster:RouteToOwner</c>).</summary>
    public bool RoutesToOwners => routing.RoutesToOwners;

    public ClusterView ReadMembership()
    {
        var cluster = Akka.Cluster.Cluster.Get(system);
        var state = cluster.State;
        var unreachable = state.Unreachable.Select(m => m.Address).ToHashSet();
        var byAge = state.Members.Where(m => m.Status is MemberStatus.Up or MemberStatus.Leaving or MemberStatus.Exiting)
            .OrderBy(m => m, Member.AgeOrdering).ToList();
        var members = state.Members
            .OrderBy(m => m.Address.ToString(), StringComparer.Ordinal)
            .Select(m => new ClusterMemberView(
                m.Address.ToString(), m.Status.ToString(), m.Roles.Order(StringComparer.Ordinal).ToArray(),
                byAge.IndexOf(m) + 1, !unreachable.Contains(m.Address)))
            .ToArray();
        return new ClusterView(
            cluster.SelfAddress.ToString(),
            cluster.SelfMember.Status.ToString(),
            state.Leader?.ToString(),
            byAge.FirstOrDefault()?.Address.ToString(),
            members,
            unreachable.Select(a => a.ToString()).Order(StringComparer.Ordinal).ToArray(),
            new OwnerRoutingView(routing.RoutesToOwners, routing.Counters.RoutedTotal, routing.Counters.FallbacksTotal, routing.Counters.DirectTotal));
    }

    public async Task<RegionStatsView> ReadRegionStatsAsync(CancellationToken cancellationToken)
    {
        if (!routing.RoutesToOwners)
            throw new InvalidOperationException("Owner routing is off: no partition-owner region runs on this node.");
        var region = await ActorRegistry.For(system).GetAsync<PartitionOwnerRegion>(cancellationToken);
        var stats = await region.Ask<ClusterShardingStats>(new GetClusterShardingStats(StatsTimeout), StatsTimeout + TimeSpan.FromSeconds(1), cancellationToken);
        var nodes = stats.Regions
            .OrderBy(r => r.Key.ToString(), StringComparer.Ordinal)
            .Select(r => new RegionNodeView(
                r.Key.ToString(),
                r.Value.Stats.OrderBy(s => int.TryParse(s.Key, out var p) ? p : int.MaxValue)
                    .Select(s => new ShardStatsView(s.Key, s.Value)).ToArray()))
            .ToArray();
        var failed = stats.Regions.Values.SelectMany(r => r.Failed).Distinct().Order(StringComparer.Ordinal).ToArray();
        return new RegionStatsView(PartitionOwnerRegion.TypeName, nodes, failed, nodes.Sum(n => n.Shards.Count));
    }
}
