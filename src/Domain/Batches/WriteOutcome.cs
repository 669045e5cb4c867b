namespace Akka.Ingest.Domain;

/// <summary>
/// What one transaction of one or more contributions did: which contributions had been committed before (sent
/// again after an ambiguous commit, or by a second writer) and were skipped, and the status transitions the
/// transaction caused.
/// </summary>
public sealed record WriteOutcome(IReadOnlyCollection<BatchId> AlreadyApplied, IReadOnlyList<StatusTransition> Transitions)
{
    public static WriteOutcome AllAlreadyApplied(IEnumerable<CounterBatch> contributions) =>
        new(contributions.Select(c => c.Id).ToArray(), []);

    /// <summary>The outcome seen by one contribution of the transaction.</summary>
    public BatchOutcome For(BatchId id) =>
        AlreadyApplied.Contains(id) ? BatchOutcome.Duplicate : new BatchOutcome(false, Transitions);
}
