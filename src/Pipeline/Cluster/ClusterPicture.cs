using Akka.Actor;
using Akka.Ingest.Pipeline.Dashboard;
using DashboardCluster = Akka.Ingest.Pipeline.Dashboard.ClusterView;
using DashboardMember = Akka.Ingest.Pipeline.Dashboard.ClusterMemberView;

namespace Akka.Ingest.Pipeline.Cluster;

/// <summary>
/// Cluster mode's picture, for the dashboard's cluster panel (members, their status, reachability, the leader,
/// and the partitions each hosts) and for the <c>ingest_cluster_*</c> series (<see cref="ClusterMetrics"/>).
/// Both come from one projection of a <see cref="ClusterMembership"/>.
/// </summary>
public sealed class ClusterPicture(ActorSystem system, ClusterPlacement placement) : IClusterPicture
{
    public const string Mode = "cluster";

    public DashboardCluster Read(string nodeId, int partitions) => Project(Membership(), placement.ByNode, nodeId);

    public ClusterMembership Membership()
    {
        var cluster = Akka.Cluster.Cluster.Get(system);
        return ClusterMembership.From(cluster.State, cluster.SelfAddress);
    }

    /// <summary>The panel: one entry per member, this node named by its node id, the others by their address.</summary>
    public static DashboardCluster Project(ClusterMembership membership, IReadOnlyDictionary<string, IReadOnlyList<int>> placement, string nodeId) =>
        new(Mode, membership.Members.Select(m => new DashboardMember(
                m.Address == membership.Self ? nodeId : m.Address,
                m.Address,
                m.Status,
                m.Address == membership.Self,
                placement.TryGetValue(m.Address, out var owned) ? owned : [],
                Leader: m.Address == membership.Leader,
                Reachable: m.Reachable))
            .ToArray());

    /// <summary>The series' values: members by every status (0 where none), unreachable members, 1 on the leader.</summary>
    public static ClusterSeries Series(ClusterMembership membership) =>
        new(ClusterMembership.Statuses.ToDictionary(s => s, s => membership.Members.Count(m => m.Status == s), StringComparer.Ordinal),
            membership.Members.Count(m => !m.Reachable),
            membership.Leader == membership.Self);
}

public sealed record ClusterSeries(IReadOnlyDictionary<string, int> MembersByStatus, int Unreachable, bool IsLeader);
