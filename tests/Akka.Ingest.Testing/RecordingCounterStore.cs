using Akka.Ingest.Domain;
using Akka.Ingest.Stores;

namespace Akka.Ingest.Testing;

/// <summary>
/// Records the contributions of every transaction its sessions start, and fails those that
/// <paramref name="fault"/> picks with the exception it returns (before touching the inner store: nothing applied).
/// </summary>
public sealed class RecordingCounterStore(ICounterStore inner, Func<IReadOnlyList<CounterBatch>, Exception?>? fault = null) : DelegatingCounterStore(inner)
{
    private readonly Lock _lock = new();
    private readonly List<BatchId[]> _transactions = [];

    /// <summary>Every transaction started, in order, as the ids of its contributions.</summary>
    public IReadOnlyList<BatchId[]> Transactions
    {
        get
        {
            lock (_lock)
                return _transactions.ToArray();
        }
    }

    protected override Task<WriteOutcome> ApplyAsync(ICounterWriter innerWriter, IReadOnlyList<CounterBatch> contributions, CancellationToken cancellationToken)
    {
        lock (_lock)
            _transactions.Add(contributions.Select(c => c.Id).ToArray());
        return fault?.Invoke(contributions) is { } failure
            ? Task.FromException<WriteOutcome>(failure)
            : innerWriter.ApplyAsync(contributions, cancellationToken);
    }
}
