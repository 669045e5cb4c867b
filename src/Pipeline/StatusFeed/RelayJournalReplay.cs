using Akka.Actor;
using Akka.Ingest.StatusFeed;
using Akka.Persistence;

namespace Akka.Ingest.Pipeline.StatusFeed;

/// <summary>
/// Reads a range of the relay's own journal entries (its persistence id, by sequence number) through the journal's
/// replay protocol, the one a persistent actor's recovery uses. The read journal answers the same question, but its
/// first use starts Akka.Persistence.Sql's sequence poller, which queries the journal every second for the rest of the
/// host's life (about half of an idle host's CPU, docs/BENCHMARKS.md); the dashboard samples these ranges on every host
/// that runs the relay, so it must not be what starts it. A replayed entry carries no journal ordering, so this gives
/// the transitions without their feed offsets.
/// </summary>
public sealed class RelayJournalReplay(ActorSystem system)
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    /// <summary>The relay's transitions with sequence numbers <paramref name="fromSequenceNr"/> through <paramref name="toSequenceNr"/>, oldest first.</summary>
    public async Task<IReadOnlyList<DomainStatusChanged>> ReadAsync(long fromSequenceNr, long toSequenceNr, CancellationToken cancellationToken)
    {
        if (toSequenceNr < fromSequenceNr)
            return [];
        var replayed = new TaskCompletionSource<IReadOnlyList<DomainStatusChanged>>(TaskCreationOptions.RunContinuationsAsynchronously);
        var collector = system.ActorOf(Props.Create(() => new ReplayCollector(replayed)));
        try
        {
            Persistence.Persistence.Instance.Apply(system).JournalFor(null).Tell(new ReplayMessages(
                fromSequenceNr, toSequenceNr, max: toSequenceNr - fromSequenceNr + 1, StatusRelayActor.RelayPersistenceId, collector));
            return await replayed.Task.WaitAsync(Timeout, cancellationToken);
        }
        finally
        {
            system.Stop(collector);
        }
    }

    private sealed class ReplayCollector : ReceiveActor
    {
        private readonly List<DomainStatusChanged> _transitions = [];

        public ReplayCollector(TaskCompletionSource<IReadOnlyList<DomainStatusChanged>> replayed)
        {
            Receive<ReplayedMessage>(message =>
            {
                if (message.Persistent.Payload is DomainStatusChanged transition)
                    _transitions.Add(transition);
            });
            Receive<RecoverySuccess>(_ => replayed.TrySetResult(_transitions));
            Receive<ReplayMessagesFailure>(failure => replayed.TrySetException(failure.Cause));
        }
    }
}
