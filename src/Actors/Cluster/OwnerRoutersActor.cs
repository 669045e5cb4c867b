using Akka.Actor;
using Akka.Ingest.Writers;

namespace Akka.Ingest.Cluster;

/// <summary>
/// In cluster mode with owner routing, the parent of one <see cref="OwnerRoutedWriterActor"/> per partition
/// (<c>partition-N</c>); answers <see cref="PartitionWritersActor.GetSupervisors"/> with them, so the ingest
/// stream talks to them exactly as it talks to the local writers' supervisors on one node.
/// </summary>
public sealed class OwnerRoutersActor : ReceiveActor
{
    public const string Name = "owner-routers";

    public OwnerRoutersActor(IActorRef region, IReadOnlyList<IActorRef> localWriters, TimeSpan ownerTimeout, OwnerRoutingCounters counters)
    {
        var routers = localWriters
            .Select((local, partition) => Context.ActorOf(
                OwnerRoutedWriterActor.Props(partition, region, local, ownerTimeout, counters), $"partition-{partition}"))
            .ToArray();
        Receive<PartitionWritersActor.GetSupervisors>(_ => Sender.Tell(new PartitionWritersActor.Supervisors(routers)));
    }

    public static Props Props(IActorRef region, IReadOnlyList<IActorRef> localWriters, TimeSpan ownerTimeout, OwnerRoutingCounters counters) =>
        Akka.Actor.Props.Create(() => new OwnerRoutersActor(region, localWriters, ownerTimeout, counters));
}
