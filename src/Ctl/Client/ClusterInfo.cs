namespace Akka.Ingest.Ctl.Client;

/// <summary><c>/admin/cluster</c>.</summary>
public sealed record ClusterInfo(
    string Self,
    string SelfStatus,
    string? Leader,
    string? Oldest,
    IReadOnlyList<ClusterMemberInfo> Members,
    IReadOnlyList<string> Unreachable,
    OwnerRoutingInfo? Routing);

public sealed record OwnerRoutingInfo(bool RouteToOwner, long Routed, long Fallbacks, long Direct);

public sealed record ClusterMemberInfo(string Address, string Status, IReadOnlyList<string> Roles, int AgeRank, bool Reachable);

/// <summary><c>/admin/cluster/sharding</c>.</summary>
public sealed record RegionStatsInfo(string TypeName, IReadOnlyList<RegionNodeInfo> Nodes, IReadOnlyList<string> FailedNodes, int Partitions);

public sealed record RegionNodeInfo(string Address, IReadOnlyList<ShardStatsInfo> Shards);

public sealed record ShardStatsInfo(string Shard, int Entities);
