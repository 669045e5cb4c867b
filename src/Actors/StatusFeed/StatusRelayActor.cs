using System.Diagnostics;
using Akka.Actor;
using Akka.Event;
using Akka.Pattern;
using Akka.Persistence;

namespace Akka.Ingest.StatusFeed;

/// <summary>
/// Moves status transitions from the store's outbox into the journal, exactly once. Outbox ids need not
/// become visible in id order (a PostgreSQL transaction takes its id at insert and may commit after one
/// that took a higher id), so the relay keeps no high-water mark: it reads whatever entries are there,
/// journals them, then deletes exactly those ids before it reads again. Entries journaled but not yet
/// known to be deleted are its state (recovered from the journal since the last snapshot, which is taken
/// only when that set is empty), so a crash between journaling and deleting repeats nothing: the new
/// incarnation deletes them first. Two relays on the same journal cannot both append: the journal's
/// (persistence id, sequence number) key rejects the stale one, which restarts and recovers. That is a safety net, not
/// the way to run: each refused insert leaves a gap in the journal's ordering that stalls the feed's readers, so one
/// relay runs per database (the relay lease without a cluster, the singleton in one).
/// The journal is never on the per-event path: transitions are rare (at most two per domain).
/// It looks at the outbox when the store signals a commit that added entries (at most once per poll interval, so a
/// busy feed is still read in pages), and on its own only every idle poll interval, in case a signal was missed: an
/// idle relay costs one read per idle interval, not one per poll interval.
/// </summary>
public sealed class StatusRelayActor : ReceivePersistentActor, IWithTimers
{
    public const string Name = "status-relay";
    public const string RelayPersistenceId = "status-relay";

    private readonly ILoggingAdapter _log = Context.GetLogger();
    private const string IdlePollTimer = "idle-poll";
    private const string PollSoonTimer = "poll-soon";

    private readonly IStatusOutbox _outbox;
    private readonly IOutboxSignal _signal;
    private readonly StatusRelayOptions _options;
    private readonly HashSet<long> _journaledNotDeleted = [];
    private long _relayedThrough;
    private long _sequenceNrAtSnapshot;
    private bool _polling;
    private bool _signalledWhilePolling;
    private long? _pollStartedAt;
    private IDisposable? _signalSubscription;

    public StatusRelayActor(IStatusOutbox outbox, IOutboxSignal signal, StatusRelayOptions options)
    {
        _outbox = outbox;
        _signal = signal;
        _options = options;

        Recover<DomainStatusChanged>(evt => Journaled(evt.OutboxId));
        Recover<SnapshotOffer>(offer =>
        {
            if (offer.Snapshot is StatusRelayProgress progress)
                _relayedThrough = progress.RelayedThrough;
            _sequenceNrAtSnapshot = offer.Metadata.SequenceNr;
        });

        Command<Poll>(_ => StartPoll());
        Command<EntriesMayBeWaiting>(_ => PollSoon());
        Command<OutboxPage>(HandlePage);
        Command<OutboxDeleted>(HandleDeleted);
        Command<PollFailed>(failed =>
        {
            _polling = false;
            Timers.StartSingleTimer(PollSoonTimer, Poll.Instance, _options.PollInterval);
            _log.Warning("Status relay: reading or cleaning the outbox failed, retrying: {Reason}", failed.Reason);
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

    public static Props Props(IStatusOutbox outbox, IOutboxSignal signal, StatusRelayOptions options) =>
        Akka.Actor.Props.Create(() => new StatusRelayActor(outbox, signal, options));

    protected override void OnReplaySuccess()
    {
        _log.Info("Status relay: {Journaled} transitions journaled, {Undeleted} of them possibly still in the outbox",
            LastSequenceNr, _journaledNotDeleted.Count);
        Timers.StartPeriodicTimer(IdlePollTimer, Poll.Instance, _options.IdlePollInterval);
        var self = Self;
        _signalSubscription = _signal.Subscribe(() => self.Tell(EntriesMayBeWaiting.Instance));
        Self.Tell(Poll.Instance);
    }

    protected override void PostStop()
    {
        _signalSubscription?.Dispose();
        base.PostStop();
    }

    /// <summary>A signalled commit: look once the poll interval since the last look has passed.</summary>
    private void PollSoon()
    {
        if (_polling)
        {
            // The read in flight may have started before that commit.
            _signalledWhilePolling = true;
            return;
        }
        if (Timers.IsTimerActive(PollSoonTimer))
            return;
        var wait = _pollStartedAt is { } startedAt ? _options.PollInterval - Stopwatch.GetElapsedTime(startedAt) : TimeSpan.Zero;
        if (wait <= TimeSpan.Zero)
            StartPoll();
        else
            Timers.StartSingleTimer(PollSoonTimer, Poll.Instance, wait);
    }

    private void PollingDone()
    {
        _polling = false;
        if (!_signalledWhilePolling)
            return;
        _signalledWhilePolling = false;
        PollSoon();
    }

    private void Journaled(long outboxId)
    {
        _journaledNotDeleted.Add(outboxId);
        _relayedThrough = Math.Max(_relayedThrough, outboxId);
    }

    private void StartPoll()
    {
        if (_polling)
            return;
        _polling = true;
        _pollStartedAt = Stopwatch.GetTimestamp();
        Timers.Cancel(PollSoonTimer);
        if (_journaledNotDeleted.Count > 0)
        {
            // Delete before reading again, so what was journaled is never read (and journaled) twice.
            var ids = _journaledNotDeleted.ToArray();
            _outbox.DeleteAsync(ids, CancellationToken.None)
                .PipeTo(Self, success: () => new OutboxDeleted(ids), failure: ex => new PollFailed(ex.GetBaseException().Message));
            return;
        }
        _outbox.ReadOldestAsync(_options.PageSize, CancellationToken.None)
            .PipeTo(Self, success: entries => new OutboxPage(entries), failure: ex => new PollFailed(ex.GetBaseException().Message));
    }

    private void HandlePage(OutboxPage page)
    {
        var fresh = page.Entries.Where(e => !_journaledNotDeleted.Contains(e.Id)).Select(DomainStatusChanged.FromOutbox).ToArray();
        if (fresh.Length == 0)
        {
            PollingDone();
            return;
        }

        var last = fresh[^1];
        PersistAll(fresh, evt =>
        {
            Journaled(evt.OutboxId);
            if (evt != last)
                return;
            _polling = false;
            Self.Tell(Poll.Instance);
        });
    }

    private void HandleDeleted(OutboxDeleted deleted)
    {
        _journaledNotDeleted.ExceptWith(deleted.Ids);
        _polling = false;
        if (_journaledNotDeleted.Count == 0 && LastSequenceNr - _sequenceNrAtSnapshot >= _options.SnapshotEvery)
        {
            // Only when nothing journaled can still be in the outbox: recovery then has nothing before it to delete.
            _sequenceNrAtSnapshot = LastSequenceNr;
            SaveSnapshot(new StatusRelayProgress(_relayedThrough));
        }
        Self.Tell(Poll.Instance);
    }

    public sealed class Poll : INoSerializationVerificationNeeded, IDeadLetterSuppression, INotInfluenceReceiveTimeout
    {
        public static Poll Instance { get; } = new();

        private Poll()
        {
        }
    }

    /// <summary>The store signalled a commit that added outbox entries.</summary>
    private sealed class EntriesMayBeWaiting : INoSerializationVerificationNeeded, IDeadLetterSuppression, INotInfluenceReceiveTimeout
    {
        public static EntriesMayBeWaiting Instance { get; } = new();

        private EntriesMayBeWaiting()
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

    private sealed record OutboxDeleted(long[] Ids) : INoSerializationVerificationNeeded;

    private sealed record PollFailed(string Reason) : INoSerializationVerificationNeeded;
}

public static class StatusRelayActorExtensions
{
    /// <summary>
    /// The relay under the backoff supervisor that starts it again after a journal failure: a persistent actor stops
    /// when the journal fails, and its new incarnation recovers its position from the journal. Started by the relay
    /// lease on one host (<see cref="StatusRelayLeaseActorExtensions.StartStatusRelayUnderLease"/>), or as the cluster
    /// singleton.
    /// </summary>
    public static Props SupervisedProps(IStatusOutbox outbox, IOutboxSignal signal, StatusRelayOptions options) =>
        BackoffSupervisor.Props(Backoff.OnStop(
            StatusRelayActor.Props(outbox, signal, options), StatusRelayActor.Name,
            TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(10), 0.2, maxNrOfRetries: -1));
}
