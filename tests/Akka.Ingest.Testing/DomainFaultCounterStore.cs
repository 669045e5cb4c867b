using Akka.Ingest.Domain;
using Akka.Ingest.Stores;

namespace Akka.Ingest.Testing;

/// <summary>
/// Decorates a store so that every apply holding a domain for which <paramref name="fails"/> is true fails
/// before touching the inner store (nothing applied), as a broken shard of the database would. Batches
/// without such a domain pass through: choose the domains of one partition and only that partition's writer fails.
/// </summary>
public sealed class DomainFaultCounterStore(ICounterStore inner, Func<string, bool> fails) : DelegatingCounterStore(inner)
{
    private int _failures;

    public int Failures => Volatile.Read(ref _failures);

    protected override Task<WriteOutcome> ApplyAsync(ICounterWriter innerWriter, IReadOnlyList<CounterBatch> contributions, CancellationToken cancellationToken)
    {
        if (!contributions.Any(batch => batch.Deltas.Any(d => fails(d.Domain))))
            return innerWriter.ApplyAsync(contributions, cancellationToken);
        Interlocked.Increment(ref _failures);
        return Task.FromException<WriteOutcome>(new InvalidOperationException(
            $"Injected failure for {string.Join(", ", contributions.Select(c => c.Id))}: its store is failing."));
    }
}
