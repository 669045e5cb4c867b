namespace Akka.Ingest.StatusFeed;

/// <summary>
/// The transitions a store recorded with the counts that caused them, in commit order, until the relay has
/// journaled them.
/// </summary>
public interface IStatusOutbox
{
    Task<IReadOnlyList<OutboxEntry>> ReadAfterAsync(long afterId, int limit, CancellationToken cancellationToken);

    /// <summary>Removes the entries up to and including <paramref name="id"/>: they are in the journal.</summary>
    Task DeleteThroughAsync(long id, CancellationToken cancellationToken);

    /// <summary>How many entries after <paramref name="afterId"/> wait to be journaled.</summary>
    Task<long> CountAfterAsync(long afterId, CancellationToken cancellationToken);
}
