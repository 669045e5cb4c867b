using System.Collections.Concurrent;
using Akka.Ingest.Domain;
using Akka.Ingest.Stores;

namespace Akka.Ingest.Testing;

/// <summary>
/// Holds every apply until the spec opens the gate for it, so a spec can look at the pipeline while a
/// write is in progress. <see cref="NextStarted"/> yields each batch as its apply begins.
/// </summary>
public sealed class GatedCounterStore(ICounterStore inner) : DelegatingCounterStore(inner)
{
    private readonly BlockingCollection<CounterBatch> _started = new();
    private readonly SemaphoreSlim _gate = new(0);

    public override string Description => $"gated {Inner.Description}";

    /// <summary>Waits until an apply has started and returns its batch.</summary>
    public CounterBatch NextStarted(TimeSpan timeout) =>
        _started.TryTake(out var batch, timeout) ? batch : throw new TimeoutException("No batch reached the store in time.");

    /// <summary>Lets <paramref name="count"/> held (or future) applies proceed.</summary>
    public void Open(int count = 1) => _gate.Release(count);

    protected override async Task<WriteOutcome> ApplyAsync(ICounterWriter innerWriter, IReadOnlyList<CounterBatch> contributions, CancellationToken cancellationToken)
    {
        foreach (var batch in contributions)
            _started.Add(batch, cancellationToken);
        await _gate.WaitAsync(cancellationToken);
        return await innerWriter.ApplyAsync(contributions, cancellationToken);
    }
}
