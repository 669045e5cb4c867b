using Akka.Actor;
using Akka.Cluster;
using Akka.Cluster.Sharding;
using Akka.Hosting;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Akka.Ingest.Pipeline.Cluster;

/// <summary>
/// Cluster mode's part of <c>/health/ready</c>: ready once this node is <c>Up</c> and, with owner routing, its
/// partition-owner region knows a coordinator (it answers which regions exist), so a load balancer sends nothing to
/// a node still joining.
/// </summary>
public sealed class ClusterReadinessCheck(ActorSystem system, OwnerRouting routing) : IHealthCheck
{
    private static readonly TimeSpan RegionTimeout = TimeSpan.FromSeconds(2);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var self = Akka.Cluster.Cluster.Get(system).SelfMember;
        if (self.Status != MemberStatus.Up)
            return HealthCheckResult.Unhealthy($"this node is {self.Status} in the cluster, not Up");
        if (!routing.RoutesToOwners)
            return HealthCheckResult.Healthy("Up; this node's commit lanes write what it receives");
        if (!ActorRegistry.For(system).TryGet<PartitionOwnerRegion>(out var region))
            return HealthCheckResult.Unhealthy("the partition-owner region has not started");
        try
        {
            var regions = await region.Ask<CurrentRegions>(GetCurrentRegions.Instance, RegionTimeout, cancellationToken);
            return regions.Regions.Count > 0
                ? HealthCheckResult.Healthy($"Up; partition owners on {regions.Regions.Count} node(s)")
                : HealthCheckResult.Unhealthy("no partition-owner region is registered with the coordinator yet");
        }
        catch (AskTimeoutException)
        {
            return HealthCheckResult.Unhealthy($"the partition-owner region found no coordinator within {RegionTimeout.TotalSeconds:0} s");
        }
    }
}
