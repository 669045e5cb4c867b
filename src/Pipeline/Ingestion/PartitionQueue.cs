using System.Threading.Channels;

namespace Akka.Ingest.Pipeline.Ingestion;

/// <summary>
/// The admission queue of one partition, bounded in events (not envelopes) by its <see cref="AdmissionBudget"/>.
/// Its <see cref="Reader"/> is the partition's stream source and gives an envelope's room back as the stream takes
/// it, so the bound holds with no stage calling back. One queue per partition: a partition whose writer is stuck
/// fills only its own queue, and the others keep admitting.
/// </summary>
public sealed class PartitionQueue
{
    private readonly Channel<IngestEnvelope> _channel =
        Channel.CreateUnbounded<IngestEnvelope>(new UnboundedChannelOptions { SingleReader = true });
    private readonly AdmissionBudget _budget;

    public PartitionQueue(int partition, long capacity)
    {
        Partition = partition;
        _budget = new AdmissionBudget(capacity);
        Reader = new ReleasingReader(_channel.Reader, _budget);
    }

    public int Partition { get; }

    /// <summary>Events admitted and not yet taken by the stream.</summary>
    public long Queued => _budget.InUse;

    public ChannelReader<IngestEnvelope> Reader { get; }

    /// <summary>Enqueues only if there is room now and nobody waits for it; false otherwise (then wait with <see cref="TryEnqueueAsync"/>).</summary>
    public bool TryEnqueue(IngestEnvelope envelope)
    {
        if (!_budget.TryAcquire(envelope.Events.Length))
            return false;
        if (_channel.Writer.TryWrite(envelope))
            return true;
        _budget.Release(envelope.Events.Length);
        return false;
    }

    /// <summary>Waits in turn for room until the token is cancelled; false if refused (no room, or the queue is closed).</summary>
    public async ValueTask<bool> TryEnqueueAsync(IngestEnvelope envelope, CancellationToken cancellationToken)
    {
        if (!await _budget.TryAcquireAsync(envelope.Events.Length, cancellationToken))
            return false;
        if (_channel.Writer.TryWrite(envelope))
            return true;
        _budget.Release(envelope.Events.Length);
        return false;
    }

    /// <summary>Admits nothing more; the stream drains what is queued and then completes.</summary>
    public void Close() => _channel.Writer.TryComplete();

    private sealed class ReleasingReader(ChannelReader<IngestEnvelope> inner, AdmissionBudget budget) : ChannelReader<IngestEnvelope>
    {
        public override Task Completion => inner.Completion;

        public override bool TryRead(out IngestEnvelope item)
        {
            if (!inner.TryRead(out item!))
                return false;
            budget.Release(item.Events.Length);
            return true;
        }

        public override ValueTask<bool> WaitToReadAsync(CancellationToken cancellationToken = default) =>
            inner.WaitToReadAsync(cancellationToken);
    }
}
