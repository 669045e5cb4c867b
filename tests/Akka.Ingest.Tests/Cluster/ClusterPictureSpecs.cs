using Akka.Cluster;
using Akka.Ingest.Pipeline.Cluster;
using Akka.Ingest.Testing;
using Akka.Ingest.Tests.Management;

namespace Akka.Ingest.Tests.Cluster;

/// <summary>
/// The projection of a cluster's membership onto the <c>ingest_cluster_*</c> series and the dashboard's cluster
/// panel: members by every status, unreachable ones, the leader, and the partitions each member hosts; and a
/// single host publishes no cluster series at all.
/// </summary>
[Collection(IngestHostCollection.Name)]
public sealed class ClusterPictureSpecs
{
    private const string Node1 = "akka.tcp://akka-ingest@10.0.0.1:4053";
    private const string Node2 = "akka.tcp://akka-ingest@10.0.0.2:4053";
    private const string Node3 = "akka.tcp://akka-ingest@10.0.0.3:4053";
    private const string Node4 = "akka.tcp://akka-ingest@10.0.0.4:4053";

    private static readonly ClusterMembership ThreeUpOneJoiningOneUnreachable = new(
        Self: Node2,
        Leader: Node1,
        Members:
        [
            new(Node1, "up", true),
            new(Node2, "up", true),
            new(Node3, "up", false),
            new(Node4, "joining", true),
        ]);

    [Fact]
    public void Should_count_members_by_every_status_the_unreachable_ones_and_the_leader()
    {
        var series = ClusterPicture.Series(ThreeUpOneJoiningOneUnreachable);

        Assert.Equal(ClusterMembership.Statuses, series.MembersByStatus.Keys);
        Assert.Equal(3, series.MembersByStatus["up"]);
        Assert.Equal(1, series.MembersByStatus["joining"]);
        Assert.All(new[] { "weakly_up", "leaving", "exiting", "down", "removed" }, s => Assert.Equal(0, series.MembersByStatus[s]));
        Assert.Equal(1, series.Unreachable);
        Assert.False(series.IsLeader);
        Assert.True(ClusterPicture.Series(ThreeUpOneJoiningOneUnreachable with { Self = Node1 }).IsLeader);
    }

    [Fact]
    public void Should_draw_every_member_with_its_status_reachability_leadership_and_partitions()
    {
        var placement = new Dictionary<string, IReadOnlyList<int>> { [Node1] = [0, 3], [Node2] = [1], [Node3] = [2] };

        var panel = ClusterPicture.Project(ThreeUpOneJoiningOneUnreachable, placement, "node2");

        Assert.Equal("cluster", panel.Mode);
        Assert.Equal([Node1, "node2", Node3, Node4], panel.Members.Select(m => m.Node));
        Assert.Equal([true, false, false, false], panel.Members.Select(m => m.Leader));
        Assert.Equal([false, true, false, false], panel.Members.Select(m => m.Self));
        Assert.Equal([true, true, false, true], panel.Members.Select(m => m.Reachable));
        Assert.Equal(["up", "up", "up", "joining"], panel.Members.Select(m => m.Status));
        Assert.Equal([0, 3], panel.Members[0].Partitions);
        Assert.Empty(panel.Members[3].Partitions);
    }

    [Theory]
    [InlineData(MemberStatus.Joining, "joining")]
    [InlineData(MemberStatus.WeaklyUp, "weakly_up")]
    [InlineData(MemberStatus.Up, "up")]
    [InlineData(MemberStatus.Leaving, "leaving")]
    [InlineData(MemberStatus.Exiting, "exiting")]
    [InlineData(MemberStatus.Down, "down")]
    [InlineData(MemberStatus.Removed, "removed")]
    public void Should_name_each_status_as_the_series_label(MemberStatus status, string label)
    {
        Assert.Equal(label, ClusterMembership.StatusOf(status));
        Assert.Contains(label, ClusterMembership.Statuses);
    }

    [Fact]
    public async Task Should_publish_no_cluster_series_on_a_single_host()
    {
        await using var host = await IngestHost.StartOnTemporarySqliteAsync();

        var metrics = await host.Management.GetStringAsync("/metrics");

        Assert.DoesNotContain("ingest_cluster_", metrics);
        Assert.DoesNotContain("ingest_partitions_owned", metrics);
    }
}
