namespace Akka.Ingest.Domain;

/// <summary>
/// What applying one contribution came to. <see cref="AlreadyApplied"/> is true when it had been committed before
/// (a retry after an ambiguous commit); its transitions were reported by that first commit.
/// </summary>
public sealed record BatchOutcome(bool AlreadyApplied, IReadOnlyList<StatusTransition> Transitions)
{
    public static BatchOutcome Duplicate { get; } = new(true, []);
}
