using Akka.Ingest.Domain;
using Akka.Ingest.Stores;

namespace Akka.Ingest.Testing;

/// <summary>The faults <see cref="FaultInjectingCounterStore"/> can inject into one apply.</summary>
public enum StoreFault
{
    None,

    /// <summary>Throws before touching the inner store: nothing applied.</summary>
    FailBeforeCommit,

    /// <summary>Applies to the inner store, then throws <see cref="AmbiguousCommitException"/>.</summary>
    FailAfterCommit,
}

/// <summary>
/// Decorates a store with scripted faults: each apply takes the next fault from the script (then
/// <see cref="StoreFault.None"/>). Counts applies, so specs can see the retries.
/// </summary>
public sealed class FaultInjectingCounterStore(ICounterStore inner, Func<int, StoreFault> faultForAttempt) : ICounterStore
{
    private int _attempts;

    public FaultInjectingCounterStore(ICounterStore inner, params StoreFault[] script)
        : this(inner, attempt => attempt <= script.Length ? script[attempt - 1] : StoreFault.None)
    {
    }

    public int Attempts => Volatile.Read(ref _attempts);

    public string Description => $"faulty {inner.Description}";

    public Task MigrateAsync(CancellationToken cancellationToken) => inner.MigrateAsync(cancellationToken);

    public async Task<BatchOutcome> ApplyAsync(CounterBatch batch, CancellationToken cancellationToken)
    {
        var attempt = Interlocked.Increment(ref _attempts);
        switch (faultForAttempt(attempt))
        {
            case StoreFault.FailBeforeCommit:
                throw new InvalidOperationException($"Injected failure before commit (attempt {attempt}).");
            case StoreFault.FailAfterCommit:
                await inner.ApplyAsync(batch, cancellationToken);
                throw new AmbiguousCommitException($"Injected failure after commit (attempt {attempt}).");
            default:
                return await inner.ApplyAsync(batch, cancellationToken);
        }
    }

    public Task<DomainCounts> ReadAsync(string domain, CancellationToken cancellationToken) => inner.ReadAsync(domain, cancellationToken);

    public Task PingAsync(CancellationToken cancellationToken) => inner.PingAsync(cancellationToken);

    public ValueTask DisposeAsync() => inner.DisposeAsync();
}
