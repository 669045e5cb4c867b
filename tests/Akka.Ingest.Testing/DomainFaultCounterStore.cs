using Akka.Ingest.Domain;
using Akka.Ingest.Stores;

namespace Akka.Ingest.Testing;

/// <summary>
/// Decorates a store so that every apply holding a domain for which <paramref name="fails"/> is true fails
/// before touching the inner store (nothing applied), as a broken shard of the database would. Batches
/// without such a domain pass through: choose the domains of one partition and only that partition's writer fails.
/// </summary>
public sealed class DomainFaultCounterStore(ICounterStore inner, Func<string, bool> fails) : ICounterStore
{
    private int _failures;

    public int Failures => Volatile.Read(ref _failures);

    public string Description => inner.Description;

    public Task MigrateAsync(CancellationToken cancellationToken) => inner.MigrateAsync(cancellationToken);

    public Task<BatchOutcome> ApplyAsync(CounterBatch batch, CancellationToken cancellationToken)
    {
        if (!batch.Deltas.Any(d => fails(d.Domain)))
            return inner.ApplyAsync(batch, cancellationToken);
        Interlocked.Increment(ref _failures);
        return Task.FromException<BatchOutcome>(new InvalidOperationException($"Injected failure for batch {batch.Id}: its store is failing."));
    }

    public Task<DomainCounts> ReadAsync(string domain, CancellationToken cancellationToken) => inner.ReadAsync(domain, cancellationToken);

    public Task PingAsync(CancellationToken cancellationToken) => inner.PingAsync(cancellationToken);

    public ValueTask DisposeAsync() => inner.DisposeAsync();
}
