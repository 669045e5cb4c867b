using Akka.Actor;
using Akka.Event;
using Akka.Hosting;
using Akka.Pattern;
using Akka.Persistence;

namespace Akka.Ingest.StatusFeed;

/// <summary>
/// Moves status transitions from the store's outbox into the journal, exactly once: each journaled
/// <see cref="DomainStatusChanged"/> carries its outbox id, the actor's state is the last id journaled
/// (recovered from the journal), and entries at or below it are skipped and then deleted. A crash between
/// journaling and deleting therefore repeats nothing. Two relays on the same journal cannot both append:
/// the journal's (persistence id, sequence number) key rejects the stale one, which restarts and recovers.
/// The journal is never on the per-event path: transitions are rare (at most two per domain).
/// </summary>
public sealed class StatusRelayActor : ReceivePersistentActor, IWithTimers
{
    public const string Name = "status-relay";
    public const string RelayPersistenceId = "status-relay";

    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly IStatusOutbox _outbox;
    private readonly StatusRelayOptions _options;
    private long _relayedThrough;
    private bool _polling;

    public StatusRelayActor(IStatusOutbox outbox, StatusRelayOptions options)
    {
        _outbox = outbox;
        _options = options;

        Recover<DomainStatusChanged>(evt => _relayedThrough = evt.OutboxId);
        Recover<SnapshotOffer>(offer =>
        {
            if (offer.Snapshot is StatusRelayProgress progress)
                _relayedThrough = progress.RelayedThrough;
        });

        Command<Poll>(_ => StartPoll());
        Command<OutboxPage>(HandlePage);
        Command<PollFailed>(failed =>
        {
            _polling = false;
            _log.Warning("Status relay: reading the outbox failed, retrying: {Reason}", failed.Reason);
        });
        Command<GetRelayStatus>(_ => Sender.Tell(new RelayStatus(_relayedThrough, LastSequenceNr)));
        Command<SaveSnapshotSuccess>(success =>
            DeleteSnapshots(new SnapshotSelectionCriteria(success.Metadata.SequenceNr - 1)));
        Command<SaveSnapshotFailure>(failure => _log.Warning("Status relay: snapshot failed: {Reason}", failure.Cause.Message));
        Command<DeleteSnapshotsSuccess>(_ => { });
        Command<DeleteSnapshotsFailure>(_ => { });
    }

    public override string PersistenceId => RelayPersistenceId;

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(IStatusOutbox outbox, StatusRelayOptions options) =>
        Akka.Actor.Props.Create(() => new StatusRelayActor(outbox, options));

    protected override void OnReplaySuccess()
    {
        _log.Info("Status relay: outbox entries through {RelayedThrough} are journaled", _relayedThrough);
        Timers.StartPeriodicTimer("poll", Poll.Instance, _options.PollInterval);
        Self.Tell(Poll.Instance);
    }

    private void StartPoll()
    {
        if (_polling)
            return;
        _polling = true;
        _outbox.ReadAfterAsync(_relayedThrough, _options.PageSize, CancellationToken.None)
            .PipeTo(Self, success: entries => new OutboxPage(entries), failure: ex => new PollFailed(ex.GetBaseException().Message));
    }

    private void HandlePage(OutboxPage page)
    {
        var fresh = page.Entries.Where(e => e.Id > _relayedThrough).Select(DomainStatusChanged.FromOutbox).ToArray();
        if (fresh.Length == 0)
        {
            _polling = false;
            return;
        }

        var last = fresh[^1];
        PersistAll(fresh, evt =>
        {
            _relayedThrough = evt.OutboxId;
            if (evt != last)
                return;

            _polling = false;
            // Best effort: entries at or below _relayedThrough are skipped anyway, and deleted on a later pass.
            _ = _outbox.DeleteThroughAsync(_relayedThrough, CancellationToken.None);
            if (LastSequenceNr % _options.SnapshotEvery < fresh.Length)
                SaveSnapshot(new StatusRelayProgress(_relayedThrough));
            if (page.Entries.Count == _options.PageSize)
                Self.Tell(Poll.Instance);
        });
    }

    public sealed class Poll : INoSerializationVerificationNeeded, IDeadLetterSuppression, INotInfluenceReceiveTimeout
    {
        public static Poll Instance { get; } = new();

        private Poll()
        {
        }
    }

    public sealed class GetRelayStatus : INoSerializationVerificationNeeded
    {
        public static GetRelayStatus Instance { get; } = new();

        private GetRelayStatus()
        {
        }
    }

    /// <summary>The last outbox entry journaled, and how many entries the relay's journal holds.</summary>
    public sealed record RelayStatus(long RelayedThrough, long JournalSequenceNr) : INoSerializationVerificationNeeded;

    private sealed record OutboxPage(IReadOnlyList<OutboxEntry> Entries) : INoSerializationVerificationNeeded;

    private sealed record PollFailed(string Reason) : INoSerializationVerificationNeeded;
}

public static class StatusRelayActorExtensions
{
    /// <summary>
    /// Starts <c>/user/status-relay-supervisor/status-relay</c> and registers it as <see cref="StatusRelayActor"/>.
    /// A persistent actor stops when the journal fails, so a backoff supervisor starts it again, and it
    /// recovers its position from the journal. Call it once the database is reachable: the journal is
    /// created on the relay's first recovery.
    /// </summary>
    public static IActorRef StartStatusRelay(this ActorSystem system, IStatusOutbox outbox, StatusRelayOptions options)
    {
        var supervisor = system.ActorOf(SupervisedProps(outbox, options), "status-relay-supervisor");
        ActorRegistry.For(system).Register<StatusRelayActor>(supervisor);
        return supervisor;
    }

    /// <summary>The relay under the backoff supervisor that starts it again after a journal failure.</summary>
    public static Props SupervisedProps(IStatusOutbox outbox, StatusRelayOptions options) =>
        BackoffSupervisor.Props(Backoff.OnStop(
            StatusRelayActor.Props(outbox, options), StatusRelayActor.Name,
            TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(10), 0.2, maxNrOfRetries: -1));
}
