using Akka.Ingest.Pipeline.Metrics;
using Prometheus;

namespace Akka.Ingest.Pipeline.Cluster;

/// <summary>
/// Publishes, on a node that routes contributions to partition owners, how many it wrote through its own writers
/// instead: <c>kind="timeout"</c> for a contribution whose owner did not answer within the owner timeout,
/// <c>kind="window"</c> for later ones written directly while the fallback window stayed open. Absent on a node
/// that does not route to owners (one node, or <c>RouteToOwner=false</c>). Copied from
/// <see cref="Akka.Ingest.Cluster.OwnerRoutingCounters"/> when scraped.
/// </summary>
public sealed class OwnerRoutingMetrics(IngestMetrics metrics, OwnerRouting routing) : IHostedService
{
    public const string DirectWrites = "ingest_owner_direct_writes_total";

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!routing.RoutesToOwners)
            return Task.CompletedTask;
        var direct = Prometheus.Metrics.WithCustomRegistry(metrics.Registry).CreateCounter(
            DirectWrites, "Contributions written by this node's own writers instead of the partition's owner, by kind: timeout, window.", "kind");
        var timeout = direct.WithLabels("timeout");
        var window = direct.WithLabels("window");
        metrics.Registry.AddBeforeCollectCallback(() =>
        {
            timeout.IncTo(routing.Counters.FallbacksTotal);
            window.IncTo(routing.Counters.DirectTotal);
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
