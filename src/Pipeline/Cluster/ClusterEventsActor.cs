using System.Threading.Channels;
using Akka.Actor;
using Akka.Cluster;
using static Akka.Cluster.ClusterEvent;

namespace Akka.Ingest.Pipeline.Cluster;

/// <summary>
/// Feeds one <c>/admin/cluster/events</c> stream: subscribes to this node's membership and reachability events
/// (the current members first, as events) and writes each into the stream's channel; stopped when the stream
/// ends, which unsubscribes it. Talks to nothing else.
/// </summary>
public sealed class ClusterEventsActor : ReceiveActor
{
    private readonly ChannelWriter<ClusterEventView> _events;

    public ClusterEventsActor(ChannelWriter<ClusterEventView> events)
    {
        _events = events;
        Receive<IMemberEvent>(e => Write(e.GetType().Name, e.Member));
        Receive<UnreachableMember>(e => Write(nameof(UnreachableMember), e.Member));
        Receive<ReachableMember>(e => Write(nameof(ReachableMember), e.Member));
        Receive<LeaderChanged>(e => _events.TryWrite(new ClusterEventView(DateTimeOffset.UtcNow, nameof(LeaderChanged), e.Leader?.ToString(), null)));
    }

    protected override void PreStart() =>
        Akka.Cluster.Cluster.Get(Context.System).Subscribe(Self, SubscriptionInitialStateMode.InitialStateAsEvents,
            typeof(IMemberEvent), typeof(IReachabilityEvent), typeof(LeaderChanged));

    protected override void PostStop()
    {
        Akka.Cluster.Cluster.Get(Context.System).Unsubscribe(Self);
        _events.TryComplete();
    }

    private void Write(string kind, Member member) =>
        _events.TryWrite(new ClusterEventView(DateTimeOffset.UtcNow, kind, member.Address.ToString(), ClusterMembership.StatusOf(member.Status)));
}

/// <summary>One membership event: when this node saw it, its kind (MemberUp, UnreachableMember, LeaderChanged, …), the member's address and its status then.</summary>
public sealed record ClusterEventView(DateTimeOffset At, string Event, string? Address, string? Status);
