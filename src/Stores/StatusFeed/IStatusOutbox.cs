namespace Akka.Ingest.StatusFeed;

/// <summary>
/// The transitions a store recorded with the counts that caused them, until the relay has journaled them.
/// Ids are unique but need not become visible in id order (on PostgreSQL an id is taken at insert, and a
/// transaction that took a lower id can commit after one that took a higher id), so a reader never treats
/// "the largest id seen" as "everything below it is seen": it reads whatever is there and removes exactly
/// what it journaled.
/// </summary>
public interface IStatusOutbox
{
    /// <summary>The oldest <paramref name="limit"/> entries still in the outbox, by id.</summary>
    Task<IReadOnlyList<OutboxEntry>> ReadOldestAsync(int limit, CancellationToken cancellationToken);

    /// <summary>Removes exactly these entries: they are in the journal.</summary>
    Task DeleteAsync(IReadOnlyCollection<long> ids, CancellationToken cancellationToken);

    /// <summary>How many entries the outbox holds (waiting to be journaled, or journaled and not yet deleted).</summary>
    Task<long> CountAsync(CancellationToken cancellationToken);
}
