using Akka.Actor;
using Akka.Hosting;
using Akka.Ingest.Cluster;
using Akka.Ingest.Pipeline.Config;
using Akka.Ingest.Writers;
using Microsoft.Extensions.Options;

namespace Akka.Ingest.Pipeline.Cluster;

/// <summary>
/// Chooses what the ingest stream writes through: this node's commit lanes (one node, or a cluster with
/// <c>RouteToOwner=false</c>), or per-partition routers to the partition owners, falling back to the local
/// writers after the owner timeout.
/// </summary>
public sealed class OwnerRouting(ActorSystem system, IOptions<IngestOptions> options)
{
    private readonly IngestOptions _options = options.Value;

    public OwnerRoutingCounters Counters { get; } = new(options.Value.Partitions);

    public bool RoutesToOwners => _options.Cluster is { Enabled: true, RouteToOwner: true };

    public async Task<IActorRef> WritersAsync(IActorRef localWriters, CancellationToken cancellationToken)
    {
        if (!RoutesToOwners)
            return localWriters;
        var region = await ActorRegistry.For(system).GetAsync<PartitionOwnerRegion>(cancellationToken);
        return system.ActorOf(OwnerRoutersActor.Props(region, localWriters, _options.Partitions, _options.Cluster.OwnerTimeout, _options.WriteTimeout, Counters), OwnerRoutersActor.Name);
    }
}
