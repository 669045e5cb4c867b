namespace Akka.Ingest.Pipeline.Cluster;

/// <summary>The answer of <c>/admin/cluster</c>: membership as this node sees it.</summary>
public sealed record ClusterView(
    string Self,
    string SelfStatus,
    string? Leader,
    string? Oldest,
    IReadOnlyList<ClusterMemberView> Members,
    IReadOnlyList<string> Unreachable,
    OwnerRoutingView Routing);

/// <summary>
/// This node's front end: contributions sent to owners, written directly after an owner timeout (fallbacks), and
/// written directly while a fallback window was open.
/// </summary>
public sealed record OwnerRoutingView(bool RouteToOwner, long Routed, long Fallbacks, long Direct);

/// <summary>One member: its address, status, roles, age order (1 = oldest) and whether this node reaches it.</summary>
public sealed record ClusterMemberView(string Address, string Status, IReadOnlyList<string> Roles, int AgeRank, bool Reachable);

/// <summary>The answer of <c>/admin/cluster/sharding</c>: which node owns which partition, cluster-wide.</summary>
public sealed record RegionStatsView(string TypeName, IReadOnlyList<RegionNodeView> Nodes, IReadOnlyList<string> FailedNodes, int Partitions);

/// <summary>One node's share of the partition owners: the partitions (shard ids) it hosts, with their live entity counts.</summary>
public sealed record RegionNodeView(string Address, IReadOnlyList<ShardStatsView> Shards);

public sealed record ShardStatsView(string Shard, int Entities);
