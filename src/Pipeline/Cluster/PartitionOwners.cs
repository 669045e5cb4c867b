using System.Globalization;
using Akka.Actor;
using Akka.Cluster.Hosting;
using Akka.Cluster.Sharding;
using Akka.Hosting;
using Akka.Ingest.Pipeline.Config;
using Akka.Ingest.Cluster;
using Microsoft.Extensions.Options;

namespace Akka.Ingest.Pipeline.Cluster;

/// <summary>
/// The partition owners cluster-wide: a shard region (<c>partition-owner</c>) whose entity for partition p
/// (<see cref="PartitionOwnerActor"/>) hands every node's contributions for p to the commit lanes of the node it lives on. Coordinator state in
/// distributed data, remember-entities off (the persistence-mode coordinator is deprecated and known to
/// corrupt), no passivation: owners are few and long-lived. Started only with <c>Ingest:Cluster:RouteToOwner=true</c>:
/// otherwise nothing sends to it, and a region would only add a coordinator, hand-offs and their messages.
/// </summary>
public static class PartitionOwners
{
    public static AkkaConfigurationBuilder WithPartitionOwners(this AkkaConfigurationBuilder builder, IServiceProvider sp)
    {
        var options = sp.GetRequiredService<IOptions<IngestOptions>>().Value;
        if (!options.Cluster.RouteToOwner)
            return builder;
        return builder.WithShardRegion<PartitionOwnerRegion>(
            PartitionOwnerRegion.TypeName,
            _ => PartitionOwnerActor.Props(),
            new PartitionMessageExtractor(),
            new ShardOptions
            {
                Role = IngestClusterOptions.Role,
                StateStoreMode = StateStoreMode.DData,
                RememberEntities = false,
                ShouldPassivateIdleEntities = false,
            })
            .WithActors((_, registry) =>
            {
                // Place every owner at start rather than on its first write: the first contributions do not wait
                // for an allocation, and region-stats shows the whole placement at once. Idempotent cluster-wide.
                var region = registry.Get<PartitionOwnerRegion>();
                for (var partition = 0; partition < options.Partitions; partition++)
                    region.Tell(new ShardRegion.StartEntity(partition.ToString(CultureInfo.InvariantCulture)), ActorRefs.NoSender);
            });
    }
}
