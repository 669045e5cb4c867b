using System.Collections.Concurrent;
using Akka.Ingest.Domain;
using Akka.Ingest.Stores;

namespace Akka.Ingest.Testing;

/// <summary>
/// Holds every apply until the spec opens the gate for it, so a spec can look at the pipeline while a
/// write is in progress. <see cref="Started"/> yields each batch as its apply begins.
/// </summary>
public sealed class GatedCounterStore(ICounterStore inner) : ICounterStore
{
    private readonly BlockingCollection<CounterBatch> _started = new();
    private readonly SemaphoreSlim _gate = new(0);

    public string Description => $"gated {inner.Description}";

    /// <summary>Waits until an apply has started and returns its batch.</summary>
    public CounterBatch NextStarted(TimeSpan timeout) =>
        _started.TryTake(out var batch, timeout) ? batch : throw new TimeoutException("No batch reached the store in time.");

    /// <summary>Lets <paramref name="count"/> held (or future) applies proceed.</summary>
    public void Open(int count = 1) => _gate.Release(count);

    public Task MigrateAsync(CancellationToken cancellationToken) => inner.MigrateAsync(cancellationToken);

    public async Task<BatchOutcome> ApplyAsync(CounterBatch batch, CancellationToken cancellationToken)
    {
        _started.Add(batch, cancellationToken);
        await _gate.WaitAsync(cancellationToken);
        return await inner.ApplyAsync(batch, cancellationToken);
    }

    public Task<DomainCounts> ReadAsync(string domain, CancellationToken cancellationToken) => inner.ReadAsync(domain, cancellationToken);

    public Task PingAsync(CancellationToken cancellationToken) => inner.PingAsync(cancellationToken);

    public ValueTask DisposeAsync() => inner.DisposeAsync();
}
