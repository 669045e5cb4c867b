using Akka.Actor;
using Akka.Event;
using static Akka.Ingest.Writers.PartitionWriterProtocol;

namespace Akka.Ingest.Cluster;

/// <summary>
/// Stands in front of one partition's writing on a front end with owner routing: sends each contribution to the
/// partition's owner (through the shard region, a typed <c>Ask&lt;WriteReply&gt;</c>) and relays the owner's answer.
/// When the owner does not answer within the owner timeout (dead, frozen, or being handed over), the same
/// contribution goes to this node's own commit lanes instead, and later ones too for <see cref="DirectWindow"/>
/// (the <c>direct</c> state): the store's ledger, keyed by the contribution's origin and sequence, applies it once
/// whoever writes it. A local failure of a contribution the owner was sent is answered as ambiguous whatever the
/// local lane said: the owner may still hold its copy and commit it, so only the identical batch may follow.
/// </summary>
public sealed class OwnerRoutedWriterActor : ReceiveActor, IWithTimers
{
    public static readonly TimeSpan DirectWindow = TimeSpan.FromSeconds(5);

    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly int _partition;
    private readonly IActorRef _region;
    private readonly IActorRef _localWriters;
    private readonly TimeSpan _ownerTimeout;
    private readonly TimeSpan _localTimeout;
    private readonly OwnerRoutingCounters _counters;

    public OwnerRoutedWriterActor(
        int partition, IActorRef region, IActorRef localWriters, TimeSpan ownerTimeout, TimeSpan localTimeout, OwnerRoutingCounters counters)
    {
        _partition = partition;
        _region = region;
        _localWriters = localWriters;
        _ownerTimeout = ownerTimeout;
        _localTimeout = localTimeout;
        _counters = counters;
        Routing();
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(
        int partition, IActorRef region, IActorRef localWriters, TimeSpan ownerTimeout, TimeSpan localTimeout, OwnerRoutingCounters counters) =>
        Akka.Actor.Props.Create(() => new OwnerRoutedWriterActor(partition, region, localWriters, ownerTimeout, localTimeout, counters));

    private void Routing()
    {
        Receive<NoReply>(_ => { });
        Receive<WriteBatch>(ToOwner);
        Receive<OwnerAnswered>(answered => answered.ReplyTo.Tell(answered.Reply));
        Receive<OwnerSilent>(silent =>
        {
            OpenDirectWindow(silent);
            WriteLocally(silent.Write, silent.ReplyTo, ownerMayHoldIt: true);
        });
    }

    private void Direct()
    {
        Receive<NoReply>(_ => { });
        Receive<WriteBatch>(write =>
        {
            _counters.Direct(_partition);
            // Never sent to the owner (unless a resend of one that was: its committer froze it on the ambiguous answer).
            WriteLocally(write, Sender, ownerMayHoldIt: false);
        });
        Receive<OwnerAnswered>(answered => answered.ReplyTo.Tell(answered.Reply));
        Receive<OwnerSilent>(silent => WriteLocally(silent.Write, silent.ReplyTo, ownerMayHoldIt: true));
        Receive<DirectWindowEnded>(_ => Become(Routing));
    }

    private void ToOwner(WriteBatch write)
    {
        var replyTo = Sender;
        _counters.Routed(_partition);
        _region.Ask<WriteReply>(write, _ownerTimeout).PipeTo(Self,
            success: reply => new OwnerAnswered(replyTo, reply),
            failure: _ => new OwnerSilent(replyTo, write));
    }

    private void OpenDirectWindow(OwnerSilent silent)
    {
        _counters.Fallback(_partition);
        _log.Warning("Partition {Partition}: the owner did not answer batch {BatchId} within {Timeout}; writing here for {Window} (the ledger applies it once)",
            _partition, silent.Write.Batch.Id, _ownerTimeout, DirectWindow);
        Timers.StartSingleTimer(DirectWindowEnded.Instance, DirectWindowEnded.Instance, DirectWindow);
        Become(Direct);
    }

    private void WriteLocally(WriteBatch write, IActorRef replyTo, bool ownerMayHoldIt)
    {
        if (!ownerMayHoldIt)
        {
            _localWriters.Tell(write, replyTo);
            return;
        }
        // No answer within the local timeout: none is relayed, and the committer's own timeout treats the batch as ambiguous.
        _localWriters.Ask<WriteReply>(write, _localTimeout).PipeTo(Self,
            success: reply => new OwnerAnswered(replyTo, reply is BatchFailed failed ? failed with { Ambiguous = true } : reply),
            failure: _ => NoReply.Instance);
    }

    private sealed record OwnerAnswered(IActorRef ReplyTo, WriteReply Reply) : INoSerializationVerificationNeeded;

    private sealed record OwnerSilent(IActorRef ReplyTo, WriteBatch Write) : INoSerializationVerificationNeeded;

    private sealed class DirectWindowEnded : INoSerializationVerificationNeeded, IDeadLetterSuppression
    {
        public static DirectWindowEnded Instance { get; } = new();

        private DirectWindowEnded()
        {
        }
    }

    private sealed class NoReply : INoSerializationVerificationNeeded, IDeadLetterSuppression
    {
        public static NoReply Instance { get; } = new();

        private NoReply()
        {
        }
    }
}
