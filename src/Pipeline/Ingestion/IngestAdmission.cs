using System.Diagnostics;
using Akka.Ingest.Domain;
using Akka.Ingest.Pipeline.Config;

namespace Akka.Ingest.Pipeline.Ingestion;

/// <summary>
/// The way into the pipeline: puts events into their partition's <see cref="PartitionQueue"/> and waits for their
/// outcome. <see cref="SubmitAsync"/> returns only when the event is committed, withdrawn (timed out) or refused.
/// </summary>
public sealed class IngestAdmission
{
    private readonly TimeSpan _requestTimeout;
    private readonly TimeSpan _admissionWait;
    private readonly TimeSpan _stallThreshold;
    private readonly IngestCounters _counters;

    public IngestAdmission(IngestOptions options, IngestCounters counters)
    {
        _requestTimeout = options.RequestTimeout;
        _admissionWait = options.AdmissionWait < options.RequestTimeout ? options.AdmissionWait : options.RequestTimeout;
        _stallThreshold = options.StallThreshold;
        _counters = counters;
        Partitioner = new Partitioner(options.Partitions);
        // Each partition gets an equal share of the queue: a stuck one cannot take the others' room.
        var perPartition = Math.Max(1, options.QueueCapacity / options.Partitions);
        Queues = Enumerable.Range(0, options.Partitions).Select(p => new PartitionQueue(p, perPartition)).ToArray();
    }

    public Partitioner Partitioner { get; }

    public IReadOnlyList<PartitionQueue> Queues { get; }

    /// <summary>Events admitted but not yet taken into a batch, over all partitions.</summary>
    public long Queued => Queues.Sum(q => q.Queued);

    /// <summary>Admits one event and waits for its commit; the outcome says whether it may be acknowledged.</summary>
    public Task<IngestOutcome> SubmitAsync(DomainEvent evt) =>
        SubmitEnvelopeAsync(IngestEnvelope.Acknowledged(Partitioner.PartitionOf(evt.Domain), [evt], _requestTimeout));

    /// <summary>
    /// Admits one event as the request <paramref name="ledger"/> of a client's ledger stream (a producer's), written
    /// alone so that it is applied at most once; a resend of an applied one is answered as committed.
    /// </summary>
    public Task<IngestOutcome> SubmitAsync(DomainEvent evt, LedgerStream ledger)
    {
        var partition = Partitioner.PartitionOf(evt.Domain);
        return SubmitEnvelopeAsync(IngestEnvelope.Idempotent(partition, [evt], _requestTimeout, ledger));
    }

    private async Task<IngestOutcome> SubmitEnvelopeAsync(IngestEnvelope envelope)
    {
        if (!await AdmitAsync(envelope))
        {
            _counters.CountRejected(1);
            return IngestOutcome.Rejected;
        }

        _counters.CountAccepted(envelope.Partition, 1);
        var outcome = envelope.Outcome;
        // One timer per request (WaitAsync's), and none of the WhenAny/Delay garbage: this runs for every PUT.
        if (!await CompletesBeforeDeadlineAsync(outcome, envelope.DeadlineTimestamp) && envelope.TryWithdraw(IngestOutcome.TimedOut))
        {
            _counters.CountTimedOut(1);
            return IngestOutcome.TimedOut;
        }

        // Past the deadline but held by a write attempt: its outcome decides (the committer withdraws it
        // after a failed attempt), so an answer is never given while the event might still be counted.
        var result = await outcome;
        if (result == IngestOutcome.TimedOut)
            _counters.CountTimedOut(1);
        return result;
    }

    /// <summary>Counts an event refused because its domain is not a valid name (it never reaches a queue).</summary>
    public void CountInvalid() => _counters.CountInvalid();

    /// <summary>
    /// Admits a bulk: one acknowledged envelope per partition, so the events of one partition are committed
    /// together or not at all (atomic per partition, not across partitions), and waits until every envelope is
    /// decided. Envelopes still pending at the deadline, or never admitted, are withdrawn and not counted. With a
    /// <paramref name="ledger"/> (an idempotency key's or a producer's), each part is that request's part of its
    /// partition, applied at most once. A part found out of order makes the whole answer
    /// <see cref="IngestOutcome.OutOfOrder"/>: the producer must hear that it broke its rule.
    /// </summary>
    public async Task<BulkOutcome> SubmitBatchAsync(IReadOnlyList<DomainEvent> events, LedgerStream? ledger = null)
    {
        if (events.Count == 0)
            return new BulkOutcome(IngestOutcome.Committed, 0, 0);
        var envelopes = Partitioner.Split(events)
            .Select(part => ledger is { } stream
                ? IngestEnvelope.Idempotent(part.Partition, part.Events, _requestTimeout, stream)
                : IngestEnvelope.Acknowledged(part.Partition, part.Events, _requestTimeout))
            .ToArray();
        var admitted = 0;
        // Every envelope of the bulk has the same deadline.
        while (admitted < envelopes.Length && await AdmitAsync(envelopes[admitted]))
        {
            var envelope = envelopes[admitted++];
            _counters.CountAccepted(envelope.Partition, envelope.Events.Length);
        }
        if (admitted < envelopes.Length)
            _counters.CountRejected(envelopes.Skip(admitted).Sum(e => (long)e.Events.Length));

        var outcomes = envelopes.Select(e => e.Outcome).Take(admitted).ToArray();
        if (admitted < envelopes.Length || !await CompletesBeforeDeadlineAsync(Task.WhenAll(outcomes), envelopes[0].DeadlineTimestamp))
        {
            // Not all will be acknowledged in time: take back what no write holds yet. Those already held by an
            // attempt decide for themselves, so the answer never comes while an event might still be counted.
            foreach (var envelope in envelopes.Take(admitted))
            {
                if (envelope.TryWithdraw(IngestOutcome.TimedOut))
                    _counters.CountTimedOut(envelope.Events.Length);
            }
        }

        long committed = 0;
        long duplicates = 0;
        var worst = admitted < envelopes.Length ? IngestOutcome.Rejected : IngestOutcome.Committed;
        for (var i = 0; i < admitted; i++)
        {
            var result = await outcomes[i];
            if (result is IngestOutcome.Committed or IngestOutcome.Duplicate)
            {
                committed += envelopes[i].Events.Length;
                if (result == IngestOutcome.Duplicate)
                    duplicates += envelopes[i].Events.Length;
            }
            else if (worst is not IngestOutcome.OutOfOrder && (worst == IngestOutcome.Committed || result is IngestOutcome.Undecided or IngestOutcome.OutOfOrder))
                worst = result;
        }
        return new BulkOutcome(worst, events.Count, committed) { DuplicateEvents = duplicates };
    }

    /// <summary>
    /// Admits events of one partition without a deadline (the in-process generator), waiting while the partition's
    /// queue is full; returns once they are admitted, with the task of their commit. A partition commits its batches
    /// in order, so the last task of each partition tells when everything offered to it is committed.
    /// </summary>
    public async ValueTask<Task<IngestOutcome>> OfferAsync(int partition, DomainEvent[] events, CancellationToken cancellationToken)
    {
        var envelope = IngestEnvelope.WithoutDeadline(partition, events);
        if (!await Queues[partition].TryEnqueueAsync(envelope, cancellationToken))
        {
            cancellationToken.ThrowIfCancellationRequested();
            throw new InvalidOperationException("The ingest pipeline is draining.");
        }
        _counters.CountAccepted(partition, events.Length);
        return envelope.Outcome;
    }

    /// <summary>Admits nothing more: every partition's stream drains its queue and completes.</summary>
    public void Close()
    {
        foreach (var queue in Queues)
            queue.Close();
    }

    /// <summary>
    /// Waits for room in the envelope's partition queue for at most <c>Ingest:AdmissionWait</c> (and never past
    /// its deadline): a partition whose queue stays full is refused fast rather than holding connections, and one
    /// whose write is stalled (<c>Ingest:StallThreshold</c>) is refused at once.
    /// </summary>
    private async ValueTask<bool> AdmitAsync(IngestEnvelope envelope)
    {
        var now = Stopwatch.GetTimestamp();
        if (_counters.Partitions[envelope.Partition].InFlightFor(now) > _stallThreshold)
            return false;
        // The common case, room right away, needs no timeout: no CancellationTokenSource and no timer per request.
        if (Queues[envelope.Partition].TryEnqueue(envelope))
            return true;
        var remaining = Stopwatch.GetElapsedTime(now, envelope.DeadlineTimestamp);
        if (remaining <= TimeSpan.Zero)
            return false;
        using var timeout = new CancellationTokenSource(remaining < _admissionWait ? remaining : _admissionWait);
        return await Queues[envelope.Partition].TryEnqueueAsync(envelope, timeout.Token);
    }

    private static async Task<bool> CompletesBeforeDeadlineAsync(Task task, long deadlineTimestamp)
    {
        if (task.IsCompleted)
            return true;
        var remaining = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), deadlineTimestamp);
        if (remaining <= TimeSpan.Zero)
            return false;
        try
        {
            await task.WaitAsync(remaining);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }
}
