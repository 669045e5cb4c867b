using Akka.Ingest.Pipeline.Metrics;
using Prometheus;

namespace Akka.Ingest.Pipeline.Cluster;

/// <summary>
/// The cluster in <c>/metrics</c>, registered in cluster mode only and read from Akka's membership when scraped:
/// <c>ingest_cluster_members{status}</c> (every status, 0 where none), <c>ingest_cluster_unreachable_members</c>,
/// <c>ingest_cluster_is_leader</c> (1 on the leader) and <c>ingest_partitions_owned</c> (partitions whose owner
/// entity runs on this node, from <see cref="ClusterPlacement"/>; 0 when owner routing is off).
/// </summary>
public sealed class ClusterMetrics(IngestMetrics metrics, ClusterPicture picture, ClusterPlacement placement) : IHostedService
{
    public const string Members = "ingest_cluster_members";
    public const string Unreachable = "ingest_cluster_unreachable_members";
    public const string IsLeader = "ingest_cluster_is_leader";
    public const string PartitionsOwned = "ingest_partitions_owned";

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var factory = Prometheus.Metrics.WithCustomRegistry(metrics.Registry);
        var members = factory.CreateGauge(Members, "Cluster members as this node sees them, by status: joining, weakly_up, up, leaving, exiting, down, removed.", "status");
        var unreachable = factory.CreateGauge(Unreachable, "Members this node's failure detector marks unreachable.");
        var leader = factory.CreateGauge(IsLeader, "1 on the node that is the cluster's leader, 0 elsewhere.");
        var owned = factory.CreateGauge(PartitionsOwned, "Partitions whose owner entity runs on this node (0 when owner routing is off).");
        metrics.Registry.AddBeforeCollectCallback(() =>
        {
            var series = ClusterPicture.Series(picture.Membership());
            foreach (var (status, count) in series.MembersByStatus)
                members.WithLabels(status).Set(count);
            unreachable.Set(series.Unreachable);
            leader.Set(series.IsLeader ? 1 : 0);
            owned.Set(placement.OwnedHere);
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
