using Akka.Ingest.Domain;

namespace Akka.Ingest.Stores;

/// <summary>
/// Durable per-domain counters. <see cref="ApplyAsync"/> adds a batch of deltas in one transaction that also
/// records the batch's identity, so a batch sent again after an ambiguous commit is recognised and not applied twice.
/// </summary>
public interface ICounterStore : IAsyncDisposable
{
    /// <summary>A short name for logs: the kind of store and where it is, without secrets.</summary>
    string Description { get; }

    /// <summary>Brings the schema to the newest version; safe to run from several nodes at once.</summary>
    Task MigrateAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Applies the batch exactly once. Throws <see cref="AmbiguousCommitException"/> when the commit may or may
    /// not have happened; any other exception means nothing was applied.
    /// </summary>
    Task<BatchOutcome> ApplyAsync(CounterBatch batch, CancellationToken cancellationToken);

    /// <summary>The committed counts of a normalised domain; zeros for a domain never seen.</summary>
    Task<DomainCounts> ReadAsync(string domain, CancellationToken cancellationToken);

    /// <summary>Throws unless the store answers a trivial query.</summary>
    Task PingAsync(CancellationToken cancellationToken);
}
