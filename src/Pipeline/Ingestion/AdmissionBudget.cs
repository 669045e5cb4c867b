namespace Akka.Ingest.Pipeline.Ingestion;

/// <summary>
/// Bounds the events admitted but not yet taken into a batch, whatever the envelopes' sizes (one PUT, a bulk
/// partition, a generator chunk). Callers wait for room in arrival order, so a large envelope is not starved by
/// small ones; an envelope larger than the whole budget weighs as the whole budget and goes through alone.
/// </summary>
public sealed class AdmissionBudget
{
    private readonly Lock _lock = new();
    private readonly LinkedList<Waiter> _waiters = new();
    private long _available;

    public AdmissionBudget(long capacity)
    {
        Capacity = capacity > 0 ? capacity : throw new ArgumentOutOfRangeException(nameof(capacity));
        _available = capacity;
    }

    public long Capacity { get; }

    /// <summary>Events admitted and not yet released.</summary>
    public long InUse
    {
        get
        {
            lock (_lock)
                return Capacity - _available;
        }
    }

    /// <summary>What an envelope of <paramref name="events"/> events takes from the budget.</summary>
    public long WeightOf(long events) => Math.Clamp(events, 1, Capacity);

    /// <summary>Takes room for <paramref name="events"/> only if there is some now and nobody waits before it.</summary>
    public bool TryAcquire(long events)
    {
        var weight = WeightOf(events);
        lock (_lock)
        {
            if (_waiters.Count > 0 || _available < weight)
                return false;
            _available -= weight;
            return true;
        }
    }

    /// <summary>Takes room for <paramref name="events"/>, waiting in turn until there is some or the token is cancelled.</summary>
    public async ValueTask<bool> TryAcquireAsync(long events, CancellationToken cancellationToken)
    {
        var weight = WeightOf(events);
        Waiter waiter;
        lock (_lock)
        {
            if (_waiters.Count == 0 && _available >= weight)
            {
                _available -= weight;
                return true;
            }
            waiter = new Waiter(weight);
            waiter.Node = _waiters.AddLast(waiter);
        }

        await using (cancellationToken.Register(() => Abandon(waiter)))
            return await waiter.Granted.Task;
    }

    public void Release(long events)
    {
        lock (_lock)
        {
            _available += WeightOf(events);
            GrantWaitersInTurn();
        }
    }

    private void Abandon(Waiter waiter)
    {
        lock (_lock)
        {
            if (waiter.Node?.List is null)
                return;
            _waiters.Remove(waiter.Node);
            waiter.Granted.TrySetResult(false);
            // The abandoned one may have been holding back smaller waiters behind it.
            GrantWaitersInTurn();
        }
    }

    private void GrantWaitersInTurn()
    {
        while (_waiters.First is { } first && _available >= first.Value.Weight)
        {
            _available -= first.Value.Weight;
            _waiters.RemoveFirst();
            first.Value.Granted.TrySetResult(true);
        }
    }

    private sealed class Waiter(long weight)
    {
        public long Weight { get; } = weight;

        public LinkedListNode<Waiter>? Node { get; set; }

        public TaskCompletionSource<bool> Granted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
