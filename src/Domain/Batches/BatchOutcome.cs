namespace Akka.Ingest.Domain;

/// <summary>
/// What applying one contribution came to. <see cref="AlreadyApplied"/> is true when the ledger skipped it: it had
/// been committed before (a retry after an ambiguous commit), and its transitions were reported by that first commit;
/// or, with <see cref="OutOfOrder"/>, its origin had already committed a higher sequence, so this one applied nothing
/// and may never have been applied (a producer that sent out of order).
/// </summary>
public sealed record BatchOutcome(bool AlreadyApplied, IReadOnlyList<StatusTransition> Transitions)
{
    public static BatchOutcome Duplicate { get; } = new(true, []);

    public static BatchOutcome Superseded { get; } = new(true, []) { OutOfOrder = true };

    /// <summary>Skipped because the ledger already held a higher sequence of its origin than its own.</summary>
    public bool OutOfOrder { get; init; }
}
