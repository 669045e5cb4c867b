using Akka.Actor;
using Akka.Hosting;
using Akka.Ingest.Writers;
using static Akka.Ingest.Writers.PartitionWriterProtocol;

namespace Akka.Ingest.Cluster;

/// <summary>
/// A partition's owner, the shard region's entity: hands every node's contributions for its partition to the
/// commit lanes of the node it lives on, so they are folded with that node's other partitions into its lanes'
/// transactions (one per window), and the lane answers each sender directly.
/// </summary>
public sealed class PartitionOwnerActor : ReceiveActor
{
    public PartitionOwnerActor()
    {
        var lanes = ActorRegistry.For(Context.System).Get<CommitLanesActor>();
        Receive<WriteBatch>(lanes.Forward);
    }

    public static Props Props() => Akka.Actor.Props.Create(() => new PartitionOwnerActor());
}
