using System.Diagnostics;
using Akka.Ingest.Domain;

namespace Akka.Ingest.Pipeline.Ingestion;

/// <summary>
/// One admission into the pipeline: events of one partition with one acknowledgement. Its state decides,
/// without locks, whether a timed-out request may still withdraw it (only while no write attempt holds it),
/// so an event answered with 503 is never counted.
/// </summary>
public sealed class IngestEnvelope
{
    private const int Pending = 0;
    private const int Claimed = 1;
    private const int Withdrawn = 2;
    private const int Committed = 3;

    // Continuations run where the outcome is set. A commit sets the outcomes of its whole batch from one thread-pool
    // work item (PendingBatch.MarkCommitted), so a batch of N requests costs one work item rather than N wake-ups;
    // the other outcomes (withdrawn, abandoned) are rare and set where nothing waits behind them.
    private readonly TaskCompletionSource<IngestOutcome> _outcome = new();
    private int _state;

    private IngestEnvelope(int partition, DomainEvent[] events, long deadlineTimestamp, string? ledgerOrigin = null, long ledgerSequence = 1)
    {
        Partition = partition;
        Events = events;
        DeadlineTimestamp = deadlineTimestamp;
        LedgerOrigin = ledgerOrigin;
        LedgerSequence = ledgerSequence;
    }

    public int Partition { get; }

    /// <summary>The span of the request that sent it (default when nothing is traced): the commit span links to it.</summary>
    public ActivityContext Trace { get; } = Activity.Current?.Context ?? default;

    /// <summary>
    /// The ledger origin of a client's request part (see <see cref="LedgerStream"/>): a bulk's part sent with an
    /// <c>Idempotency-Key</c> (<c>bulk:{sha256(key)}/p{partition}</c>, sequence 1) or a producer's request part
    /// (<c>producer:{sha256(id)}/p{partition}</c>, its <c>Producer-Sequence</c>). Such an envelope is written alone as
    /// <see cref="LedgerSequence"/> of that origin, so it is applied at most once however often it is sent. Null for
    /// everything else, which is folded into the node's own batches.
    /// </summary>
    public string? LedgerOrigin { get; }

    /// <summary>The sequence of <see cref="LedgerOrigin"/> this envelope is written as (1 without one).</summary>
    public long LedgerSequence { get; }

    public DomainEvent[] Events { get; }

    /// <summary>When the waiting request gives up (a <see cref="Stopwatch"/> timestamp).</summary>
    public long DeadlineTimestamp { get; }

    /// <summary>Completes once the events are committed, withdrawn or abandoned.</summary>
    public Task<IngestOutcome> Outcome => _outcome.Task;

    /// <summary>An envelope whose sender waits for the commit, until <paramref name="timeout"/> has passed.</summary>
    public static IngestEnvelope Acknowledged(int partition, DomainEvent[] events, TimeSpan timeout) =>
        new(partition, events, Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency));

    /// <summary>A request's part in a client's ledger stream: acknowledged like any other, applied at most once (see <see cref="LedgerOrigin"/>).</summary>
    public static IngestEnvelope Idempotent(int partition, DomainEvent[] events, TimeSpan timeout, LedgerStream ledger) =>
        new(partition, events, Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency), ledger.OriginOf(partition), ledger.Sequence);

    /// <summary>An envelope whose sender waits for the commit as long as it takes (the in-process generator): it never times out.</summary>
    public static IngestEnvelope WithoutDeadline(int partition, DomainEvent[] events) =>
        new(partition, events, long.MaxValue);

    public bool IsExpired(long nowTimestamp) => nowTimestamp >= DeadlineTimestamp;

    /// <summary>Reserves the envelope for a write attempt; false once it has been withdrawn.</summary>
    public bool TryClaim() => Interlocked.CompareExchange(ref _state, Claimed, Pending) == Pending;

    /// <summary>Gives the envelope back after an attempt that certainly did not commit.</summary>
    public void Release() => Interlocked.CompareExchange(ref _state, Pending, Claimed);

    /// <summary>Takes the envelope out before any write holds it; its events will never be counted.</summary>
    public bool TryWithdraw(IngestOutcome reason)
    {
        if (Interlocked.CompareExchange(ref _state, Withdrawn, Pending) != Pending)
            return false;
        _outcome.TrySetResult(reason);
        return true;
    }

    public void MarkCommitted() => MarkDecided(IngestOutcome.Committed);

    /// <summary>
    /// Its write is decided: committed, or, for a client's request, skipped by the ledger as a duplicate of an earlier
    /// attempt that committed it (acknowledged) or as out of order (nothing applied, nor ever will be).
    /// </summary>
    public void MarkDecided(IngestOutcome outcome)
    {
        Volatile.Write(ref _state, Committed);
        _outcome.TrySetResult(outcome);
    }

    /// <summary>The pipeline stopped before any write attempt held the events: the sender is told they were not counted.</summary>
    public void Abandon() => _outcome.TrySetResult(IngestOutcome.Abandoned);

    /// <summary>The pipeline stopped while a write holding the events may still commit: the sender is told it cannot know.</summary>
    public void LeaveUndecided() => _outcome.TrySetResult(IngestOutcome.Undecided);
}
