using System.Diagnostics;
using Akka.Ingest.Domain;
using Akka.Ingest.Stores;

namespace Akka.Ingest.Pipeline.Ingestion;

/// <summary>
/// The envelopes of one partition gathered while its writer was busy, folded into one delta per domain.
/// Built by the stream's batch stage (single-threaded), then handed to one <see cref="PartitionCommitter"/>.
/// </summary>
public sealed class PendingBatch
{
    private readonly List<IngestEnvelope> _envelopes = [];
    private Dictionary<string, DomainDelta> _deltas = new(StringComparer.Ordinal);

    private PendingBatch(int partition) => Partition = partition;

    public int Partition { get; }

    public IReadOnlyList<IngestEnvelope> Envelopes => _envelopes;

    public int DistinctDomains => _deltas.Count;

    /// <summary>The ledger origin of an idempotent envelope, which always travels alone; null for the node's own batches.</summary>
    public string? LedgerOrigin => _envelopes.Count == 1 ? _envelopes[0].LedgerOrigin : null;

    /// <summary>The sequence of <see cref="LedgerOrigin"/> the batch is written as.</summary>
    public long LedgerSequence => _envelopes.Count == 1 ? _envelopes[0].LedgerSequence : 1;

    public long Events { get; private set; }

    public static PendingBatch Start(IngestEnvelope first) => new PendingBatch(first.Partition).Add(first);

    public PendingBatch Add(IngestEnvelope envelope)
    {
        _envelopes.Add(envelope);
        Fold(_deltas, envelope);
        Events += envelope.Events.Length;
        return this;
    }

    /// <summary>
    /// Reserves every envelope for a write attempt, dropping those withdrawn meanwhile (and their events).
    /// False when nothing is left to write.
    /// </summary>
    public bool Claim()
    {
        var withdrawn = _envelopes.RemoveAll(e => !e.TryClaim());
        if (withdrawn > 0)
            Refold();
        return _envelopes.Count > 0;
    }

    /// <summary>After an attempt that certainly did not commit: envelopes past their deadline are withdrawn.</summary>
    public void ReleaseAfterFailure()
    {
        var now = Stopwatch.GetTimestamp();
        foreach (var envelope in _envelopes)
        {
            envelope.Release();
            if (envelope.IsExpired(now))
                envelope.TryWithdraw(IngestOutcome.TimedOut);
        }
    }

    /// <summary>
    /// Acknowledges every envelope, on a thread-pool work item of its own: the waiting requests' continuations
    /// (writing their responses) run there one after the other, not on the committer, which goes on with the next batch.
    /// </summary>
    public void MarkCommitted() => MarkDecided(IngestOutcome.Committed);

    /// <summary>
    /// Tells every envelope what its write came to, the way <see cref="MarkCommitted"/> does: committed, or for a
    /// client's request part skipped by the ledger (<see cref="IngestOutcome.Duplicate"/> of an attempt that committed
    /// before, <see cref="IngestOutcome.OutOfOrder"/> below a higher sequence of its origin).
    /// </summary>
    public void MarkDecided(IngestOutcome outcome) =>
        ThreadPool.UnsafeQueueUserWorkItem(static decided =>
        {
            foreach (var envelope in decided.Envelopes)
                envelope.MarkDecided(decided.Outcome);
        }, (Envelopes: _envelopes.ToArray(), Outcome: outcome), preferLocal: false);

    /// <summary>Gives up on the batch; <paramref name="mayHaveCommitted"/> when a write attempt holding it was not decided.</summary>
    public void GiveUp(bool mayHaveCommitted)
    {
        foreach (var envelope in _envelopes)
        {
            if (mayHaveCommitted)
                envelope.LeaveUndecided();
            else
                envelope.Abandon();
        }
    }

    // The dictionary already holds one delta per domain: no second merge on the hot path.
    public CounterBatch ToCounterBatch(BatchId id) => CounterBatch.FromDistinct(id, _deltas.Values);

    private void Refold()
    {
        var deltas = new Dictionary<string, DomainDelta>(StringComparer.Ordinal);
        foreach (var envelope in _envelopes)
            Fold(deltas, envelope);
        _deltas = deltas;
        Events = _envelopes.Sum(e => (long)e.Events.Length);
    }

    private static void Fold(Dictionary<string, DomainDelta> deltas, IngestEnvelope envelope)
    {
        foreach (var evt in envelope.Events)
        {
            deltas.TryGetValue(evt.Domain, out var delta);
            deltas[evt.Domain] = evt.Kind == EventKind.Bounced
                ? new DomainDelta(evt.Domain, delta.Delivered, delta.Bounced + 1)
                : new DomainDelta(evt.Domain, delta.Delivered + 1, delta.Bounced);
        }
    }
}
