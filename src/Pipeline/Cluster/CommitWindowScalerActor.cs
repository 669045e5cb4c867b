using Akka.Actor;
using Akka.Cluster;
using Akka.Hosting;
using Akka.Ingest.Writers;

namespace Akka.Ingest.Pipeline.Cluster;

/// <summary>
/// Tells this node's commit lanes how many nodes share the database (the members Up), so each lane's window grows
/// with them and the cluster starts no more transactions than one node would (<see cref="CommitLaneSettings.WindowFor"/>).
/// </summary>
public sealed class CommitWindowScalerActor : ReceiveActor
{
    private readonly IActorRef _lanes;
    private int _told;

    public CommitWindowScalerActor(IActorRef lanes)
    {
        _lanes = lanes;
        Receive<ClusterEvent.CurrentClusterState>(state => Tell(state.Members.Count(m => m.Status == MemberStatus.Up)));
        Receive<ClusterEvent.IMemberEvent>(_ => Tell(Akka.Cluster.Cluster.Get(Context.System).State.Members.Count(m => m.Status == MemberStatus.Up)));
    }

    public static Props Props(IActorRef lanes) => Akka.Actor.Props.Create(() => new CommitWindowScalerActor(lanes));

    protected override void PreStart() =>
        Akka.Cluster.Cluster.Get(Context.System).Subscribe(Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsSnapshot, typeof(ClusterEvent.IMemberEvent));

    protected override void PostStop() => Akka.Cluster.Cluster.Get(Context.System).Unsubscribe(Self);

    private void Tell(int nodes)
    {
        nodes = Math.Max(1, nodes);
        if (nodes == _told)
            return;
        _told = nodes;
        _lanes.Tell(new CommitLaneActor.ScaleCommitWindow(nodes));
    }
}
