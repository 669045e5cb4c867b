using System.Diagnostics;
using Akka.Actor;
using Akka.Event;
using Akka.Ingest.Domain;
using Akka.Ingest.Stores;
using static Akka.Ingest.Writers.PartitionWriterProtocol;

namespace Akka.Ingest.Writers;

/// <summary>
/// One commit lane: takes the contributions of every partition routed to it (this node's batches, and in a cluster
/// with owner routing other nodes' too) and commits all that are ready in one transaction through its own store
/// session, starting at most one transaction per commit window (at once when the lane has been idle that long, or
/// when <see cref="CommitLaneSettings.MaxRowsPerCommit"/> rows wait). Each contribution keeps its own origin and
/// sequence in the ledger, so the transaction applies each exactly once, and the store sorts rows by domain, so lanes
/// on several nodes cannot deadlock. Every <see cref="WriteBatch"/> gets exactly one <see cref="WriteReply"/>.
/// <para>
/// Store failures are this actor's to handle (supervision is for bugs): it answers the contributions of a failed
/// transaction, renews its session after an ambiguous one, and waits out one backoff curve (told to the senders as
/// <see cref="BatchFailed.RetryAfter"/>) before it writes again. A transaction that certainly failed (a row held by
/// another session past the lock timeout, a constraint one partition's data broke) moves its partitions to the lane's
/// isolation lane, a child of the same type that commits one contribution per transaction and backs off per
/// partition, so one partition's trouble stalls only that partition; a partition comes back once it commits there.
/// </para>
/// </summary>
public sealed class CommitLaneActor : ReceiveActor, IWithTimers
{
    private const string IsolationName = "isolation";

    // A sender's timer may fire this much before the lane's clock says the backoff is over.
    private static readonly TimeSpan TimerSlack = TimeSpan.FromMilliseconds(5);

    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly ICounterStore _store;
    private readonly CommitLaneSettings _settings;
    private readonly int _lane;
    private readonly bool _isolation;
    private readonly List<Pending> _waiting = [];
    private readonly HashSet<int> _isolated = [];
    private readonly Dictionary<int, int> _lockStrikes = [];
    private readonly Dictionary<int, PartitionBackoff> _partitionBackoffs = [];
    private List<Pending> _writing = [];
    private ICounterWriter? _session;
    private IActorRef? _isolationLane;
    private bool _opening;
    private bool _windowArmed;
    private bool _backingOff;
    // Null until the first transaction: Stopwatch timestamps count from boot, so 0 would be "a window ago" only on a
    // machine up longer than the window, and a fresh machine's first write would wait for it.
    private long? _lastStart;
    private long _backoffEnds;
    private int _failuresInARow;
    private long _failures;
    private long _commits;
    private long _contributions;
    private TimeSpan _window;

    public CommitLaneActor(ICounterStore store, CommitLaneSettings settings, int lane, bool isolation)
    {
        _store = store;
        _settings = settings;
        _lane = lane;
        _isolation = isolation;
        _window = isolation ? TimeSpan.Zero : settings.Window;
        Receive<WriteBatch>(Enqueue);
        Receive<SessionOpened>(Opened);
        Receive<Written>(Completed);
        Receive<WriteFailed>(Failed);
        Receive<WindowElapsed>(_ =>
        {
            _windowArmed = false;
            WriteNextIfReady();
        });
        Receive<BackoffElapsed>(_ =>
        {
            _backingOff = false;
            WriteNextIfReady();
        });
        Receive<CommittedAlone>(alone =>
        {
            _isolated.Remove(alone.Partition);
            _partitionBackoffs.Remove(alone.Partition);
        });
        Receive<PartitionBackingOff>(backingOff =>
        {
            _failures++;
            _partitionBackoffs[backingOff.Backoff.Partition] = backingOff.Backoff;
        });
        Receive<ScaleCommitWindow>(scale =>
        {
            if (!_isolation)
                _window = _settings.WindowFor(scale.Nodes);
        });
        Receive<GetLaneState>(_ => Sender.Tell(State()));
    }

    public ITimerScheduler Timers { get; set; } = null!;

    /// <param name="isolation">The isolation lane: one contribution per transaction, no window.</param>
    public static Props Props(ICounterStore store, CommitLaneSettings settings, int lane, bool isolation = false) =>
        Akka.Actor.Props.Create(() => new CommitLaneActor(store, settings, lane, isolation));

    protected override void PostStop()
    {
        // Only a bug stops a lane with work in hand (store failures are answered where they happen).
        foreach (var pending in _writing)
            pending.ReplyTo.Tell(new BatchFailed(pending.Command.Batch.Id, Ambiguous: true, _settings.Backoff.Min));
        foreach (var pending in _waiting)
            pending.ReplyTo.Tell(new BatchFailed(pending.Command.Batch.Id, Ambiguous: false, _settings.Backoff.Min));
        CloseSession();
    }

    private void Enqueue(WriteBatch command)
    {
        if (_isolated.Contains(command.Partition))
        {
            IsolationLane().Forward(command);
            return;
        }
        if (_partitionBackoffs.TryGetValue(command.Partition, out var partitionBackoff) && partitionBackoff.Remaining() > TimerSlack)
        {
            Sender.Tell(new BatchFailed(command.Batch.Id, Ambiguous: false, partitionBackoff.Remaining()));
            return;
        }
        if (_backingOff && BackoffRemaining() is var remaining && remaining > TimerSlack)
        {
            // Refused at once rather than held: the committer withdraws what timed out meanwhile, then sends again.
            // (Past the backoff's end but before its timer fired, the batch waits here for the timer instead.)
            Sender.Tell(new BatchFailed(command.Batch.Id, Ambiguous: false, remaining));
            return;
        }
        _waiting.Add(new Pending(command, Sender));
        WriteNextIfReady();
    }

    private void Opened(SessionOpened opened)
    {
        _opening = false;
        _session = opened.Session;
        WriteNextIfReady();
    }

    private void WriteNextIfReady()
    {
        if (_writing.Count > 0 || _waiting.Count == 0 || _backingOff)
            return;
        if (_session is null)
        {
            OpenSessionOnce();
            return;
        }
        if (!_isolation && WaitForWindow())
            return;

        _writing = _isolation ? [TakeLeastStruck()] : TakeReady();
        _lastStart = Stopwatch.GetTimestamp();
        var commands = _writing.Select(p => p.Command).ToArray();
        WriteAsync(_session, _lane, commands).PipeTo(Self,
            success: written => written,
            failure: ex => new WriteFailed(ex, ex is AmbiguousCommitException, ex is RowLockTimeoutException));
    }

    /// <summary>True while the lane must not start yet: its last transaction started less than a window ago and not enough rows wait.</summary>
    private bool WaitForWindow()
    {
        var remaining = _lastStart is { } lastStart ? _window - Stopwatch.GetElapsedTime(lastStart) : TimeSpan.Zero;
        if (remaining <= TimeSpan.Zero || _waiting.Sum(p => (long)p.Command.Batch.Deltas.Count) >= _settings.MaxRowsPerCommit)
            return false;
        if (!_windowArmed)
        {
            _windowArmed = true;
            // A .NET timer, not Akka's scheduler: that ticks every 100 ms (AkkaConfiguration), too coarse for a window of milliseconds.
            Task.Delay(remaining).PipeTo(Self, success: () => WindowElapsed.Instance);
        }
        return true;
    }

    /// <summary>One contribution per origin (the ledger keeps one row per origin), oldest first, within the row and contribution caps.</summary>
    private List<Pending> TakeReady()
    {
        var origins = new HashSet<string>(StringComparer.Ordinal);
        var taken = new List<Pending>();
        long rows = 0;
        foreach (var pending in _waiting)
        {
            var size = pending.Command.Batch.Deltas.Count;
            if (taken.Count > 0 && (rows + size > _settings.MaxRowsPerCommit || taken.Count >= CommitLaneSettings.MaxContributionsPerCommit))
                break;
            if (!origins.Add(pending.Command.Batch.Id.WriterId))
                continue;
            taken.Add(pending);
            rows += size;
        }
        _waiting.RemoveAll(taken.Contains);
        return taken;
    }

    /// <summary>The isolation lane writes first the partitions that timed out on a lock least often: the stuck one waits behind the others.</summary>
    private Pending TakeLeastStruck()
    {
        var next = _waiting.MinBy(p => _lockStrikes.GetValueOrDefault(p.Command.Partition))!;
        _waiting.Remove(next);
        return next;
    }

    /// <summary>The session opens with the first write, not at start: the lanes start before the store is migrated, or even reachable.</summary>
    private void OpenSessionOnce()
    {
        if (_opening)
            return;
        _opening = true;
        _store.OpenWriterAsync(CancellationToken.None).PipeTo(Self,
            success: session => new SessionOpened(session),
            failure: ex => new WriteFailed(ex, Ambiguous: false, LockTimeout: false));
    }

    private static async Task<Written> WriteAsync(ICounterWriter session, int lane, IReadOnlyList<WriteBatch> commands)
    {
        using var span = WriterTracing.StartWrite(lane, commands);
        var started = Stopwatch.GetTimestamp();
        var outcome = await session.ApplyAsync(commands.Select(c => c.Batch).ToArray(), CancellationToken.None);
        return new Written(outcome, Stopwatch.GetElapsedTime(started));
    }

    private void Completed(Written written)
    {
        _failuresInARow = 0;
        _commits++;
        _contributions += _writing.Count;
        foreach (var pending in _writing)
        {
            var id = pending.Command.Batch.Id;
            var outcome = written.Outcome.For(id);
            if (outcome.AlreadyApplied)
                _log.Info("Lane {Lane}: batch {BatchId} was already committed; not applied again", _lane, id);
            pending.ReplyTo.Tell(new BatchWritten(id, outcome, written.Elapsed));
            if (_isolation)
            {
                _lockStrikes.Remove(pending.Command.Partition);
                _partitionBackoffs.Remove(pending.Command.Partition);
                Context.Parent.Tell(new CommittedAlone(pending.Command.Partition));
            }
        }
        _writing = [];
        WriteNextIfReady();
    }

    private void Failed(WriteFailed failed)
    {
        _opening = false;
        var writing = _writing;
        _writing = [];
        // A session whose statement failed may have lost its connection (terminated, broken pipe) without the failure
        // being ambiguous: only a lock timeout proves the connection healthy. A new session costs one connect.
        if (!failed.LockTimeout)
            CloseSession();
        // A transaction that certainly failed may have failed for one partition's sake (a held row, a bad shard):
        // its partitions commit alone, so the others go on. A lock timeout is that even on the isolation lane.
        if (!failed.Ambiguous && writing.Count > 0 && (failed.LockTimeout || !_isolation))
        {
            _failures++;
            Isolate(writing, failed.Cause, failed.LockTimeout);
            WriteNextIfReady();
            return;
        }
        // Alone, it failed for its own sake: that partition backs off, the isolation lane goes on with the others.
        if (!failed.Ambiguous && _isolation && writing.Count == 1)
        {
            BackOffAlone(writing[0], failed.Cause);
            WriteNextIfReady();
            return;
        }

        _failures++;
        _failuresInARow++;
        var backoff = _settings.Backoff.After(_failuresInARow, Random.Shared.NextDouble());
        // Before the replies: a sender that waits exactly the backoff must find it over.
        _backoffEnds = Stopwatch.GetTimestamp() + (long)(backoff.TotalSeconds * Stopwatch.Frequency);
        // One line per failure: during an outage this repeats with every backoff, so no stack trace here.
        _log.Warning("Lane {Lane}{Isolation}: write of {Contributions} contributions failed (ambiguous: {Ambiguous}); writing again in {Backoff}: {Reason}",
            _lane, _isolation ? " (isolation)" : "", writing.Count, failed.Ambiguous, backoff, failed.Cause.GetBaseException().Message);
        foreach (var pending in writing)
            pending.ReplyTo.Tell(new BatchFailed(pending.Command.Batch.Id, failed.Ambiguous, backoff));
        foreach (var pending in _waiting)
            pending.ReplyTo.Tell(new BatchFailed(pending.Command.Batch.Id, Ambiguous: false, backoff));
        _waiting.Clear();
        _backingOff = true;
        Timers.StartSingleTimer(BackoffElapsed.Instance, BackoffElapsed.Instance, backoff);
    }

    /// <summary>
    /// Nothing was applied. Its senders may send again at once, to the isolation lane, where each partition commits
    /// alone; the lane itself goes on with the others. On the isolation lane a lock timeout is a strike against the
    /// partition, which then waits behind the others there.
    /// </summary>
    private void Isolate(List<Pending> writing, Exception cause, bool lockTimeout)
    {
        if (_isolation)
        {
            foreach (var pending in writing)
            {
                _lockStrikes[pending.Command.Partition] = _lockStrikes.GetValueOrDefault(pending.Command.Partition) + 1;
                pending.ReplyTo.Tell(new BatchFailed(pending.Command.Batch.Id, Ambiguous: false, _settings.Backoff.Min));
            }
            return;
        }

        var partitions = writing.Select(p => p.Command.Partition).Distinct().Order().ToArray();
        _log.Warning("Lane {Lane}: a transaction of {Contributions} contributions failed ({Reason}); partitions {Partitions} commit alone until each commits again: {Detail}",
            _lane, writing.Count, lockTimeout ? "a row stayed locked past the lock timeout" : "nothing applied",
            string.Join(", ", partitions), cause.GetBaseException().Message);
        _isolated.UnionWith(partitions);
        foreach (var pending in writing)
            pending.ReplyTo.Tell(new BatchFailed(pending.Command.Batch.Id, Ambiguous: false, TimeSpan.Zero));
        // Contributions of those partitions that were still waiting go there too.
        foreach (var pending in _waiting.Where(p => _isolated.Contains(p.Command.Partition)).ToArray())
        {
            _waiting.Remove(pending);
            IsolationLane().Tell(pending.Command, pending.ReplyTo);
        }
    }

    private void BackOffAlone(Pending pending, Exception cause)
    {
        var partition = pending.Command.Partition;
        var failuresInARow = _partitionBackoffs.GetValueOrDefault(partition)?.FailuresInARow + 1 ?? 1;
        _failures++;
        var backoff = _settings.Backoff.After(failuresInARow, Random.Shared.NextDouble());
        var backingOff = new PartitionBackoff(partition, failuresInARow, backoff, Stopwatch.GetTimestamp() + (long)(backoff.TotalSeconds * Stopwatch.Frequency));
        // Before the reply: a sender that waits exactly the backoff must find it over.
        _partitionBackoffs[partition] = backingOff;
        Context.Parent.Tell(new PartitionBackingOff(backingOff));
        _log.Warning("Lane {Lane} (isolation): partition {Partition}'s write failed alone ({FailuresInARow} in a row); it writes again in {Backoff}: {Reason}",
            _lane, partition, failuresInARow, backoff, cause.GetBaseException().Message);
        pending.ReplyTo.Tell(new BatchFailed(pending.Command.Batch.Id, Ambiguous: false, backoff));
    }

    private IActorRef IsolationLane() =>
        _isolationLane ??= Context.ActorOf(Props(_store, _settings, _lane, isolation: true), IsolationName);

    private TimeSpan BackoffRemaining()
    {
        var remaining = TimeSpan.FromSeconds((_backoffEnds - Stopwatch.GetTimestamp()) / (double)Stopwatch.Frequency);
        return remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero;
    }

    private void CloseSession()
    {
        var session = _session;
        _session = null;
        session?.DisposeAsync().AsTask().ContinueWith(
            t => _log.Debug("Lane {Lane}: closing the store session failed: {Reason}", _lane, t.Exception?.GetBaseException().Message),
            TaskContinuationOptions.OnlyOnFaulted);
    }

    private LaneState State() => new(
        _lane, _backingOff ? LaneState.BackingOff : LaneState.Running, _failuresInARow, _failures,
        _backingOff ? BackoffRemaining() : TimeSpan.Zero, _isolated.Order().ToArray(), _commits, _contributions, _window,
        Self.Path.Uid)
    {
        IsolatedBackoffs = _partitionBackoffs.Values.Where(b => _isolated.Contains(b.Partition) && b.Remaining() > TimeSpan.Zero)
            .OrderBy(b => b.Partition).ToArray(),
    };

    /// <summary>Answered with the lane's <see cref="LaneState"/>.</summary>
    public sealed class GetLaneState : INoSerializationVerificationNeeded
    {
        public static GetLaneState Instance { get; } = new();

        private GetLaneState()
        {
        }
    }

    /// <summary>The number of nodes that share the database changed: the lane's window becomes <see cref="CommitLaneSettings.WindowFor"/> that many.</summary>
    public sealed record ScaleCommitWindow(int Nodes) : INoSerializationVerificationNeeded;

    private sealed record Pending(WriteBatch Command, IActorRef ReplyTo);

    private sealed record SessionOpened(ICounterWriter Session) : INoSerializationVerificationNeeded;

    private sealed record Written(WriteOutcome Outcome, TimeSpan Elapsed) : INoSerializationVerificationNeeded;

    private sealed record WriteFailed(Exception Cause, bool Ambiguous, bool LockTimeout) : INoSerializationVerificationNeeded;

    private sealed record CommittedAlone(int Partition) : INoSerializationVerificationNeeded;

    private sealed record PartitionBackingOff(PartitionBackoff Backoff) : INoSerializationVerificationNeeded;

    private sealed class WindowElapsed : INoSerializationVerificationNeeded, IDeadLetterSuppression
    {
        public static WindowElapsed Instance { get; } = new();

        private WindowElapsed()
        {
        }
    }

    private sealed class BackoffElapsed : INoSerializationVerificationNeeded, IDeadLetterSuppression
    {
        public static BackoffElapsed Instance { get; } = new();

        private BackoffElapsed()
        {
        }
    }
}
