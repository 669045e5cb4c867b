using System.Diagnostics;
using System.Threading.Channels;
using Akka.Actor;
using Akka.Event;
using Akka.Ingest.Domain;
using Akka.Ingest.Pipeline.Config;
using Akka.Ingest.Writers;
using Akka.Streams;

namespace Akka.Ingest.Pipeline.Ingestion;

/// <summary>
/// The entry to the ingest stream: admits events into a bounded channel, runs <see cref="IngestGraph"/> against
/// the partition writers, and drains it on shutdown. <see cref="SubmitAsync"/> returns only when the event is
/// committed, withdrawn (timed out) or refused (full).
/// </summary>
public sealed class IngestPipeline
{
    private readonly IngestOptions _options;
    private readonly Channel<IngestEnvelope> _admissions;
    private readonly AdmissionBudget _budget;
    private readonly CancellationTokenSource _abort = new();
    private readonly Lock _drainLock = new();
    private Task? _completion;
    private Task? _drain;
    private long _accepted;
    private long _rejected;
    private long _timedOut;
    private long _invalid;

    public IngestPipeline(IngestOptions options)
    {
        _options = options;
        Partitioner = new Partitioner(options.Partitions);
        Partitions = Enumerable.Range(0, options.Partitions).Select(p => new PartitionStats(p)).ToArray();
        // The channel itself is unbounded: the budget bounds it, in events rather than envelopes.
        _admissions = Channel.CreateUnbounded<IngestEnvelope>(new UnboundedChannelOptions { SingleReader = true });
        _budget = new AdmissionBudget(options.QueueCapacity);
        NodeId = $"{options.NodeName}-{Guid.NewGuid().ToString("N")[..8]}";
    }

    /// <summary>This run's node identity; writer ids are <c>{NodeId}/p{partition}</c>.</summary>
    public string NodeId { get; }

    public Partitioner Partitioner { get; }

    public IReadOnlyList<PartitionStats> Partitions { get; }

    public long Accepted => Interlocked.Read(ref _accepted);

    public long Rejected => Interlocked.Read(ref _rejected);

    public long TimedOut => Interlocked.Read(ref _timedOut);

    /// <summary>Events refused before admission because their domain is not a valid name.</summary>
    public long Invalid => Interlocked.Read(ref _invalid);

    public long Committed => Partitions.Sum(p => p.EventsCommitted);

    /// <summary>Events admitted but not yet taken into a batch.</summary>
    public int Queued => (int)_budget.InUse;

    public bool IsRunning => _completion is { IsCompleted: false };

    /// <summary>Raised once for every batch decided (committed or given up), on the stream's thread: keep handlers cheap.</summary>
    public event Action<CommitReport>? BatchDecided;

    public async Task StartAsync(ActorSystem system, IActorRef writers, CancellationToken cancellationToken)
    {
        var supervisors = await writers.Ask<PartitionWritersActor.Supervisors>(
            PartitionWritersActor.GetSupervisors.Instance, TimeSpan.FromSeconds(10), cancellationToken);
        var log = Logging.GetLogger(system, typeof(IngestPipeline));
        var committers = supervisors.ByPartition
            .Select((supervisor, p) => new PartitionCommitter(
                p, $"{NodeId}/p{p}", supervisor, _options.WriteTimeout, Partitions[p], log, _abort.Token))
            .ToArray();

        _completion = IngestGraph
            .Create(_admissions.Reader, Taken, committers.Length, _options.MaxBatchEvents,
                batch => committers[batch.Partition].CommitAsync(batch), report => BatchDecided?.Invoke(report))
            .Run(system.Materializer(namePrefix: "ingest"));
    }

    /// <summary>Admits one event and waits for its commit; the outcome says whether it may be acknowledged.</summary>
    public async Task<IngestOutcome> SubmitAsync(DomainEvent evt)
    {
        var envelope = IngestEnvelope.Acknowledged(Partitioner.PartitionOf(evt.Domain), [evt], _options.RequestTimeout);
        if (!await AdmitAsync(envelope))
        {
            Interlocked.Increment(ref _rejected);
            return IngestOutcome.Rejected;
        }

        Interlocked.Increment(ref _accepted);
        Partitions[envelope.Partition].Admitted(1);
        var outcome = envelope.Outcome;
        // One timer per request (WaitAsync's), and none of the WhenAny/Delay garbage: this runs for every PUT.
        if (!await CompletesBeforeDeadlineAsync(outcome, envelope.DeadlineTimestamp) && envelope.TryWithdraw(IngestOutcome.TimedOut))
        {
            Interlocked.Increment(ref _timedOut);
            return IngestOutcome.TimedOut;
        }

        // Past the deadline but held by a write attempt: its outcome decides (the committer withdraws it
        // after a failed attempt), so an answer is never given while the event might still be counted.
        var result = await outcome;
        if (result == IngestOutcome.TimedOut)
            Interlocked.Increment(ref _timedOut);
        return result;
    }

    /// <summary>Counts an event refused because its domain is not a valid name (it never reaches the queue).</summary>
    public void CountInvalid() => Interlocked.Increment(ref _invalid);

    /// <summary>
    /// Admits a bulk: one acknowledged envelope per partition, so the events of one partition are committed
    /// together or not at all (atomic per partition, not across partitions), and waits until every envelope is
    /// decided. Envelopes still pending at the deadline, or never admitted, are withdrawn and not counted.
    /// </summary>
    public async Task<BulkOutcome> SubmitBatchAsync(IReadOnlyList<DomainEvent> events)
    {
        if (events.Count == 0)
            return new BulkOutcome(IngestOutcome.Committed, 0, 0);
        var envelopes = SplitByPartition(events);
        var admitted = 0;
        // Every envelope of the bulk has the same deadline.
        while (admitted < envelopes.Length && await AdmitAsync(envelopes[admitted]))
        {
            var envelope = envelopes[admitted++];
            Interlocked.Add(ref _accepted, envelope.Events.Length);
            Partitions[envelope.Partition].Admitted(envelope.Events.Length);
        }
        if (admitted < envelopes.Length)
            Interlocked.Add(ref _rejected, envelopes.Skip(admitted).Sum(e => (long)e.Events.Length));

        var outcomes = envelopes.Select(e => e.Outcome).Take(admitted).ToArray();
        if (admitted < envelopes.Length || !await CompletesBeforeDeadlineAsync(Task.WhenAll(outcomes), envelopes[0].DeadlineTimestamp))
        {
            // Not all will be acknowledged in time: take back what no write holds yet. Those already held by an
            // attempt decide for themselves, so the answer never comes while an event might still be counted.
            foreach (var envelope in envelopes.Take(admitted))
            {
                if (envelope.TryWithdraw(IngestOutcome.TimedOut))
                    Interlocked.Add(ref _timedOut, envelope.Events.Length);
            }
        }

        long committed = 0;
        var worst = admitted < envelopes.Length ? IngestOutcome.Rejected : IngestOutcome.Committed;
        for (var i = 0; i < admitted; i++)
        {
            var result = await outcomes[i];
            if (result == IngestOutcome.Committed)
                committed += envelopes[i].Events.Length;
            else if (worst == IngestOutcome.Committed)
                worst = result;
        }
        return new BulkOutcome(worst, events.Count, committed);
    }

    private IngestEnvelope[] SplitByPartition(IReadOnlyList<DomainEvent> events)
    {
        var counts = new int[Partitioner.Partitions];
        var partitionOf = new int[events.Count];
        for (var i = 0; i < events.Count; i++)
            counts[partitionOf[i] = Partitioner.PartitionOf(events[i].Domain)]++;

        var byPartition = new DomainEvent[counts.Length][];
        for (var p = 0; p < counts.Length; p++)
            byPartition[p] = counts[p] == 0 ? [] : new DomainEvent[counts[p]];
        var filled = new int[counts.Length];
        for (var i = 0; i < events.Count; i++)
            byPartition[partitionOf[i]][filled[partitionOf[i]]++] = events[i];

        return byPartition
            .Select((partitionEvents, p) => (partitionEvents, p))
            .Where(x => x.partitionEvents.Length > 0)
            .Select(x => IngestEnvelope.Acknowledged(x.p, x.partitionEvents, _options.RequestTimeout))
            .ToArray();
    }

    /// <summary>Writes to the channel at once when it has room; otherwise waits until the envelope's deadline. False if refused.</summary>
    private async ValueTask<bool> AdmitAsync(IngestEnvelope envelope)
    {
        var remaining = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), envelope.DeadlineTimestamp);
        if (remaining <= TimeSpan.Zero)
            return false;
        using var timeout = new CancellationTokenSource(remaining);
        return await _budget.TryAcquireAsync(envelope.Events.Length, timeout.Token) && Enqueue(envelope);
    }

    /// <summary>Puts an envelope that holds its share of the budget into the channel (false once draining).</summary>
    private bool Enqueue(IngestEnvelope envelope)
    {
        if (_admissions.Writer.TryWrite(envelope))
            return true;
        _budget.Release(envelope.Events.Length);
        return false;
    }

    /// <summary>The stream took the envelope out of the channel: its events now count against a partition's batch.</summary>
    private void Taken(IngestEnvelope envelope) => _budget.Release(envelope.Events.Length);

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

    /// <summary>Admits events nobody waits for (the in-process generator), waiting while the channel is full.</summary>
    public async ValueTask OfferUnacknowledgedAsync(int partition, DomainEvent[] events, CancellationToken cancellationToken)
    {
        var envelope = IngestEnvelope.Unacknowledged(partition, events);
        if (!await _budget.TryAcquireAsync(events.Length, cancellationToken))
            cancellationToken.ThrowIfCancellationRequested();
        if (!Enqueue(envelope))
            throw new ChannelClosedException("The ingest pipeline is draining.");
        Interlocked.Add(ref _accepted, events.Length);
        Partitions[partition].Admitted(events.Length);
    }

    /// <summary>
    /// Stops admitting, lets every admitted event reach the store, and returns when the stream has completed;
    /// after <paramref name="timeout"/>, undecided batches are abandoned (their senders are told so).
    /// </summary>
    public Task DrainAsync(TimeSpan timeout)
    {
        lock (_drainLock)
            return _drain ??= DrainOnceAsync(timeout);
    }

    private async Task DrainOnceAsync(TimeSpan timeout)
    {
        _admissions.Writer.TryComplete();
        if (_completion is null)
            return;
        _abort.CancelAfter(timeout);
        await _completion.WaitAsync(timeout + TimeSpan.FromSeconds(5));
    }
}
