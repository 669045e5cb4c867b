using Akka.Ingest.Domain;
using Akka.Ingest.Stores;

namespace Akka.Ingest.Testing;

/// <summary>Adds a fixed latency to every batch write, to give a store a known, low sustainable rate.</summary>
public sealed class SlowCounterStore(ICounterStore inner, TimeSpan perBatch) : ICounterStore
{
    public string Description => $"slow {inner.Description}";

    public Task MigrateAsync(CancellationToken cancellationToken) => inner.MigrateAsync(cancellationToken);

    public async Task<BatchOutcome> ApplyAsync(CounterBatch batch, CancellationToken cancellationToken)
    {
        await Task.Delay(perBatch, cancellationToken);
        return await inner.ApplyAsync(batch, cancellationToken);
    }

    public Task<DomainCounts> ReadAsync(string domain, CancellationToken cancellationToken) => inner.ReadAsync(domain, cancellationToken);

    public Task PingAsync(CancellationToken cancellationToken) => inner.PingAsync(cancellationToken);

    public ValueTask DisposeAsync() => inner.DisposeAsync();
}
