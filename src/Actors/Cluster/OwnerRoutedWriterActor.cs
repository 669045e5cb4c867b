using Akka.Actor;
using Akka.Event;
using static Akka.Ingest.Writers.PartitionWriterProtocol;

namespace Akka.Ingest.Cluster;

/// <summary>
/// Stands in front of one partition's writer on a front end in cluster mode: sends each contribution to the
/// partition's owner (through the shard region) and relays the owner's answer. When the owner does not answer
/// within the owner timeout (dead, frozen, or being handed over), the same contribution goes to this node's own
/// writer instead, and later ones too for <see cref="DirectWindow"/>: the store's ledger, keyed by the
/// contribution's origin and sequence, applies it once whoever writes it. Anything else (the backoff
/// supervisor's queries) goes to the local writer's supervisor.
/// </summary>
public sealed class OwnerRoutedWriterActor : ReceiveActor
{
    public static readonly TimeSpan DirectWindow = TimeSpan.FromSeconds(5);

    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly int _partition;
    private readonly IActorRef _region;
    private readonly IActorRef _localWriter;
    private readonly TimeSpan _ownerTimeout;
    private readonly OwnerRoutingCounters _counters;
    private DateTime _directUntil = DateTime.MinValue;

    public OwnerRoutedWriterActor(int partition, IActorRef region, IActorRef localWriter, TimeSpan ownerTimeout, OwnerRoutingCounters counters)
    {
        _partition = partition;
        _region = region;
        _localWriter = localWriter;
        _ownerTimeout = ownerTimeout;
        _counters = counters;
        Receive<WriteBatch>(Route);
        Receive<OwnerAnswered>(answered => answered.ReplyTo.Tell(answered.Reply));
        Receive<OwnerSilent>(WriteDirectly);
        ReceiveAny(message => _localWriter.Forward(message));
    }

    public static Props Props(int partition, IActorRef region, IActorRef localWriter, TimeSpan ownerTimeout, OwnerRoutingCounters counters) =>
        Akka.Actor.Props.Create(() => new OwnerRoutedWriterActor(partition, region, localWriter, ownerTimeout, counters));

    private void Route(WriteBatch write)
    {
        if (DateTime.UtcNow < _directUntil)
        {
            _counters.Direct(_partition);
            _localWriter.Forward(write);
            return;
        }

        var replyTo = Sender;
        _counters.Routed(_partition);
        _region.Ask<object>(write, _ownerTimeout).PipeTo(Self,
            success: reply => new OwnerAnswered(replyTo, reply),
            failure: _ => new OwnerSilent(replyTo, write));
    }

    private void WriteDirectly(OwnerSilent silent)
    {
        _directUntil = DateTime.UtcNow + DirectWindow;
        _counters.Fallback(_partition);
        _log.Warning("Partition {Partition}: the owner did not answer batch {BatchId} within {Timeout}; writing it here (the ledger applies it once)",
            _partition, silent.Write.Batch.Id, _ownerTimeout);
        _localWriter.Tell(silent.Write, silent.ReplyTo);
    }

    private sealed record OwnerAnswered(IActorRef ReplyTo, object Reply) : INoSerializationVerificationNeeded;

    private sealed record OwnerSilent(IActorRef ReplyTo, WriteBatch Write) : INoSerializationVerificationNeeded;
}
