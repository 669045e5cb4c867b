namespace Akka.Ingest.Domain;

/// <summary>
/// What one transaction of one or more contributions did: which contributions the ledger skipped (committed before,
/// sent again after an ambiguous commit or by a second writer; or, in <see cref="OutOfOrder"/>, below a sequence their
/// origin had already committed), and the status transitions the transaction caused.
/// </summary>
public sealed record WriteOutcome(IReadOnlyCollection<BatchId> AlreadyApplied, IReadOnlyList<StatusTransition> Transitions)
{
    /// <summary>Those of <see cref="AlreadyApplied"/> whose origin's ledger row held a higher sequence than theirs.</summary>
    public IReadOnlyCollection<BatchId> OutOfOrder { get; init; } = [];

    public static WriteOutcome AllAlreadyApplied(IEnumerable<CounterBatch> contributions) =>
        new(contributions.Select(c => c.Id).ToArray(), []);

    /// <summary>The outcome seen by one contribution of the transaction.</summary>
    public BatchOutcome For(BatchId id) =>
        !AlreadyApplied.Contains(id) ? new BatchOutcome(false, Transitions)
        : OutOfOrder.Contains(id) ? BatchOutcome.Superseded
        : BatchOutcome.Duplicate;
}
