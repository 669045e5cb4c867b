using Akka.Actor;
using Akka.Ingest.Writers;

namespace Akka.Ingest.Cluster;

/// <summary>
/// In cluster mode with owner routing, the parent of one <see cref="OwnerRoutedWriterActor"/> per partition
/// (<c>partition-N</c>): routes each <see cref="PartitionWriterProtocol.WriteBatch"/> by partition, as
/// <c>/user/writers</c> does on one node, so the ingest stream talks to it the same way; inspection goes to this
/// node's commit lanes.
/// </summary>
public sealed class OwnerRoutersActor : ReceiveActor
{
    public const string Name = "owner-routers";

    public OwnerRoutersActor(IActorRef region, IActorRef localWriters, int partitions, TimeSpan ownerTimeout, TimeSpan localTimeout, OwnerRoutingCounters counters)
    {
        var routers = Enumerable.Range(0, partitions)
            .Select(partition => Context.ActorOf(
                OwnerRoutedWriterActor.Props(partition, region, localWriters, ownerTimeout, localTimeout, counters), $"partition-{partition}"))
            .ToArray();
        Receive<PartitionWriterProtocol.WriteBatch>(write =>
        {
            if (write.Partition >= 0 && write.Partition < routers.Length)
                routers[write.Partition].Forward(write);
            else
                localWriters.Forward(write); // refused there, with the reason logged
        });
        Receive<CommitLanesActor.GetWriterStates>(localWriters.Forward);
    }

    public static Props Props(IActorRef region, IActorRef localWriters, int partitions, TimeSpan ownerTimeout, TimeSpan localTimeout, OwnerRoutingCounters counters) =>
        Akka.Actor.Props.Create(() => new OwnerRoutersActor(region, localWriters, partitions, ownerTimeout, localTimeout, counters));
}
