using Akka.Ingest.Domain;

namespace Akka.Ingest.Stores;

/// <summary>
/// One writer's session with the store: its own connection and prepared statement, opened when a partition writer
/// starts and disposed when it stops, so restarting the writer renews them.
/// </summary>
public interface ICounterWriter : IAsyncDisposable
{
    /// <summary>
    /// Applies the contributions in one transaction, each exactly once: a contribution whose origin has already
    /// committed its sequence is skipped and reported in <see cref="WriteOutcome.AlreadyApplied"/>. Throws
    /// <see cref="AmbiguousCommitException"/> when the commit may or may not have happened; any other exception
    /// means nothing was applied.
    /// </summary>
    Task<WriteOutcome> ApplyAsync(IReadOnlyList<CounterBatch> contributions, CancellationToken cancellationToken);
}
