using Akka.Ingest.Domain;
using Akka.Ingest.Stores;

namespace Akka.Ingest.Testing;

/// <summary>
/// Decorates a store with an outage a spec switches on and off: while <see cref="Down"/>, every call fails
/// before touching the inner store, as an unreachable database would (nothing applied).
/// </summary>
public sealed class OutageCounterStore(ICounterStore inner) : ICounterStore
{
    private volatile bool _down;

    public bool Down
    {
        get => _down;
        set => _down = value;
    }

    public string Description => $"switchable {inner.Description}";

    public Task MigrateAsync(CancellationToken cancellationToken) => inner.MigrateAsync(cancellationToken);

    public Task<BatchOutcome> ApplyAsync(CounterBatch batch, CancellationToken cancellationToken) =>
        Down ? Task.FromException<BatchOutcome>(Unreachable()) : inner.ApplyAsync(batch, cancellationToken);

    public Task<DomainCounts> ReadAsync(string domain, CancellationToken cancellationToken) =>
        Down ? Task.FromException<DomainCounts>(Unreachable()) : inner.ReadAsync(domain, cancellationToken);

    public Task PingAsync(CancellationToken cancellationToken) =>
        Down ? Task.FromException(Unreachable()) : inner.PingAsync(cancellationToken);

    public ValueTask DisposeAsync() => inner.DisposeAsync();

    public const string OutageMessage = "Injected outage: the store is unreachable.";

    private static InvalidOperationException Unreachable() => new(OutageMessage);
}
