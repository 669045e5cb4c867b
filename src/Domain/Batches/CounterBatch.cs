
namespace Akka.Ingest.Domain;

/// <summary>
/// Deltas to apply in one transaction. Holds each domain at most once, sorted by domain (ordinal) so that
/// concurrent writers on several nodes take row locks in the same order and cannot deadlock.
/// </summary>
public sealed class CounterBatch
{
    private CounterBatch(BatchId id, DomainDelta[] deltas)
    {
        Id = id;
        Deltas = deltas;
    }

    public BatchId Id { get; }

    public IReadOnlyList<DomainDelta> Deltas { get; }

    public long Events => Deltas.Sum(d => d.Events);

    /// <summary>A batch of deltas already folded to one per domain (the stream's batches are): only sorted.</summary>
    public static CounterBatch FromDistinct(BatchId id, IEnumerable<DomainDelta> distinctDeltas)
    {
        var sorted = distinctDeltas.ToArray();
        Array.Sort(sorted, static (a, b) => string.CompareOrdinal(a.Domain, b.Domain));
        return new CounterBatch(id, sorted);
    }
}
