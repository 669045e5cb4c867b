using System.Diagnostics;
using Akka.Actor;
using Akka.Event;
using Akka.Ingest.Domain;
using Akka.Ingest.Stores;
using static Akka.Ingest.Writers.PartitionWriterProtocol;

namespace Akka.Ingest.Writers;

/// <summary>
/// Owns the writes of one partition and the store session they go through (<see cref="ICounterWriter"/>: on
/// PostgreSQL a connection of its own with its statement prepared), opened with the first write and disposed when
/// the actor stops, so a restart renews it. Contributions that arrive while a write is under way (from this node's stream, or
/// in a cluster from every node's) are written together in the next transaction. Every <see cref="WriteBatch"/> gets
/// exactly one <see cref="WriteReply"/>. A store failure makes the actor throw, so the backoff supervisor above it
/// stops it and starts a new one after a delay; the batches themselves are kept, and resent, by their senders.
/// </summary>
public sealed class PartitionWriterActor : ReceiveActor
{
    /// <summary>At most this many contributions go into one transaction (an owner folding several nodes' batches).</summary>
    public const int MaxContributionsPerWrite = 32;

    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly ICounterStore _store;
    private readonly int _partition;
    private readonly IActorRef? _announceTo;
    private readonly List<Pending> _waiting = [];
    private List<Pending> _writing = [];
    private ICounterWriter? _writer;
    private bool _opening;
    private bool _writeMayHaveCommitted;

    public PartitionWriterActor(ICounterStore store, int partition, IActorRef? announceTo)
    {
        _store = store;
        _partition = partition;
        _announceTo = announceTo;
        Receive<WriteBatch>(Enqueue);
        Receive<SessionOpened>(Opened);
        Receive<Written>(Completed);
        Receive<WriteFailed>(Failed);
    }

    /// <param name="announceTo">Told <see cref="WriterStarted"/> by every incarnation, so senders of failed batches know when to send again.</param>
    public static Props Props(ICounterStore store, int partition, IActorRef? announceTo) =>
        Akka.Actor.Props.Create(() => new PartitionWriterActor(store, partition, announceTo));

    protected override void PreStart() => _announceTo?.Tell(new WriterStarted(_partition, Self));

    protected override void PostStop()
    {
        var ambiguous = _writeMayHaveCommitted || _writing.Count > 0;
        foreach (var pending in _writing)
            pending.ReplyTo.Tell(new BatchFailed(pending.Command.Batch.Id, ambiguous, Self));
        foreach (var pending in _waiting)
            pending.ReplyTo.Tell(new BatchFailed(pending.Command.Batch.Id, Ambiguous: false, Self));
        _writer?.DisposeAsync().AsTask().ContinueWith(
            t => _log.Debug("Partition {Partition}: closing the store session failed: {Reason}", _partition, t.Exception?.GetBaseException().Message),
            TaskContinuationOptions.OnlyOnFaulted);
    }

    private void Enqueue(WriteBatch command)
    {
        _waiting.Add(new Pending(command, Sender));
        WriteNextIfIdle();
    }

    private void Opened(SessionOpened opened)
    {
        _opening = false;
        _writer = opened.Session;
        WriteNextIfIdle();
    }

    private void WriteNextIfIdle()
    {
        if (_writing.Count > 0 || _waiting.Count == 0)
            return;
        if (_writer is null)
        {
            OpenSessionOnce();
            return;
        }

        // One contribution per origin in a transaction: the ledger keeps one row per origin.
        var origins = new HashSet<string>(StringComparer.Ordinal);
        _writing = [];
        foreach (var pending in _waiting)
        {
            if (_writing.Count < MaxContributionsPerWrite && origins.Add(pending.Command.Batch.Id.WriterId))
                _writing.Add(pending);
        }
        _waiting.RemoveAll(_writing.Contains);

        var commands = _writing.Select(p => p.Command).ToArray();
        WriteAsync(_writer, _partition, commands).PipeTo(Self,
            success: written => written,
            failure: ex => new WriteFailed(ex, ex is AmbiguousCommitException));
    }

    /// <summary>The session opens with the first write, not at start: the writers start before the store is migrated, or even reachable.</summary>
    private void OpenSessionOnce()
    {
        if (_opening)
            return;
        _opening = true;
        _store.OpenWriterAsync(CancellationToken.None).PipeTo(Self,
            success: session => new SessionOpened(session),
            failure: ex => new WriteFailed(ex, Ambiguous: false));
    }

    private static async Task<Written> WriteAsync(ICounterWriter writer, int partition, IReadOnlyList<WriteBatch> commands)
    {
        using var span = WriterTracing.StartWrite(partition, commands);
        var started = Stopwatch.GetTimestamp();
        var outcome = await writer.ApplyAsync(commands.Select(c => c.Batch).ToArray(), CancellationToken.None);
        return new Written(outcome, Stopwatch.GetElapsedTime(started));
    }

    private void Completed(Written written)
    {
        foreach (var pending in _writing)
        {
            var id = pending.Command.Batch.Id;
            var outcome = written.Outcome.For(id);
            if (outcome.AlreadyApplied)
                _log.Info("Partition {Partition}: batch {BatchId} was already committed; not applied again", _partition, id);
            pending.ReplyTo.Tell(new BatchWritten(id, outcome, written.Elapsed));
        }
        _writing = [];
        WriteNextIfIdle();
    }

    private void Failed(WriteFailed failed)
    {
        _writeMayHaveCommitted = failed.Ambiguous;
        if (!failed.Ambiguous && _writing.Count > 0)
        {
            // Certainly not applied: say so, rather than the ambiguity PostStop assumes for a write under way.
            foreach (var pending in _writing)
                _waiting.Insert(0, pending);
            _writing = [];
        }
        // One line per failure: during an outage this repeats with every backoff, so no stack trace here.
        _log.Warning("Partition {Partition}: write failed (ambiguous: {Ambiguous}); restarting the writer: {Reason}",
            _partition, failed.Ambiguous, failed.Cause.GetBaseException().Message);
        // The supervisor logs what it restarts for; the warning above has the detail.
        throw new WriterFailedException(_partition, failed.Cause.GetBaseException().Message);
    }

    private sealed record Pending(WriteBatch Command, IActorRef ReplyTo);

    private sealed record SessionOpened(ICounterWriter Session) : INoSerializationVerificationNeeded;

    private sealed record Written(WriteOutcome Outcome, TimeSpan Elapsed) : INoSerializationVerificationNeeded;

    private sealed record WriteFailed(Exception Cause, bool Ambiguous) : INoSerializationVerificationNeeded;
}
