using Akka.Actor;
using Akka.Cluster;
using Akka.Event;
using Akka.Ingest.Writers;

namespace Akka.Ingest.Pipeline.Cluster;

/// <summary>
/// Tells this node's commit lanes how many nodes share the database (the members Up), so each lane's window grows
/// with them and the cluster starts no more transactions than one node would (<see cref="CommitLaneSettings.WindowFor"/>).
/// The members Up are counted from the events themselves: <c>Cluster.State</c> is updated by another subscriber of the
/// same events and may not have seen the one being handled, so reading it counted the last member Up too late, or never.
/// </summary>
public sealed class CommitWindowScalerActor : ReceiveActor
{
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly IActorRef _lanes;
    private readonly CommitLaneSettings _settings;
    private readonly HashSet<UniqueAddress> _up = [];
    private int _told;

    public CommitWindowScalerActor(IActorRef lanes, CommitLaneSettings settings)
    {
        _lanes = lanes;
        _settings = settings;
        Receive<ClusterEvent.CurrentClusterState>(state =>
        {
            _up.Clear();
            _up.UnionWith(state.Members.Where(m => m.Status == MemberStatus.Up).Select(m => m.UniqueAddress));
            Tell();
        });
        Receive<ClusterEvent.IMemberEvent>(memberEvent =>
        {
            if (memberEvent.Member.Status == MemberStatus.Up)
                _up.Add(memberEvent.Member.UniqueAddress);
            else
                _up.Remove(memberEvent.Member.UniqueAddress);
            Tell();
        });
    }

    public static Props Props(IActorRef lanes, CommitLaneSettings settings) => Akka.Actor.Props.Create(() => new CommitWindowScalerActor(lanes, settings));

    protected override void PreStart() =>
        Akka.Cluster.Cluster.Get(Context.System).Subscribe(Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsSnapshot, typeof(ClusterEvent.IMemberEvent));

    protected override void PostStop() => Akka.Cluster.Cluster.Get(Context.System).Unsubscribe(Self);

    private void Tell()
    {
        var nodes = Math.Max(1, _up.Count);
        if (nodes == _told)
            return;
        _told = nodes;
        _log.Info("{Nodes} node(s) Up share the database: each commit lane starts at most one transaction per {Window} ms",
            nodes, _settings.WindowFor(nodes).TotalMilliseconds);
        _lanes.Tell(new CommitLaneActor.ScaleCommitWindow(nodes));
    }
}
