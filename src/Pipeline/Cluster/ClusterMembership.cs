using Akka.Actor;
using Akka.Cluster;

namespace Akka.Ingest.Pipeline.Cluster;

/// <summary>
/// The membership as this node sees it, reduced to what <c>/metrics</c> and the dashboard's cluster panel show:
/// every member's address, status and reachability, the leader and this node. Taken from Akka's
/// <see cref="ClusterEvent.CurrentClusterState"/> (a volatile read, no message) and projected by
/// <see cref="ClusterPicture"/>; a record of its own so the projection is tested without a cluster.
/// </summary>
public sealed record ClusterMembership(string Self, string? Leader, IReadOnlyList<ClusterMembership.Member> Members)
{
    /// <summary>The <c>status</c> label values of <c>ingest_cluster_members</c>, in the order of a member's life.</summary>
    public static readonly IReadOnlyList<string> Statuses = ["joining", "weakly_up", "up", "leaving", "exiting", "down", "removed"];

    public static ClusterMembership From(ClusterEvent.CurrentClusterState state, Address self)
    {
        var unreachable = state.Unreachable.Select(m => m.Address).ToHashSet();
        var members = state.Members
            .OrderBy(m => m.Address.ToString(), StringComparer.Ordinal)
            .Select(m => new Member(m.Address.ToString(), StatusOf(m.Status), !unreachable.Contains(m.Address)))
            .ToList();
        // An unreachable member that has already left the member set is still unreachable to this node.
        members.AddRange(state.Unreachable.Where(m => !state.Members.Contains(m))
            .Select(m => new Member(m.Address.ToString(), StatusOf(m.Status), false)));
        return new ClusterMembership(self.ToString(), state.Leader?.ToString(), members);
    }

    /// <summary>Akka's status as a label value.</summary>
    public static string StatusOf(MemberStatus status) => status switch
    {
        MemberStatus.Joining => "joining",
        MemberStatus.WeaklyUp => "weakly_up",
        MemberStatus.Up => "up",
        MemberStatus.Leaving => "leaving",
        MemberStatus.Exiting => "exiting",
        MemberStatus.Down => "down",
        _ => "removed",
    };

    public sealed record Member(string Address, string Status, bool Reachable);
}
