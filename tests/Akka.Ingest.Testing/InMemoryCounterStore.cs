using Akka.Ingest.Domain;
using Akka.Ingest.Stores;

namespace Akka.Ingest.Testing;

/// <summary>A store with the real contract (exactly-once per batch id) kept in memory, for actor and stream specs.</summary>
public sealed class InMemoryCounterStore(CatchAllPolicy? policy = null) : ICounterStore
{
    private readonly CatchAllPolicy _policy = policy ?? CatchAllPolicy.Default;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, DomainCounts> _counts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _progress = new(StringComparer.Ordinal);
    private readonly List<CounterBatch> _applied = [];

    public string Description => "in-memory";

    /// <summary>Batches applied (not counting duplicates), in commit order.</summary>
    public IReadOnlyList<CounterBatch> Applied
    {
        get
        {
            lock (_lock)
                return _applied.ToArray();
        }
    }

    public Task MigrateAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<BatchOutcome> ApplyAsync(CounterBatch batch, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_progress.TryGetValue(batch.Id.WriterId, out var last) && last >= batch.Id.Sequence)
                return Task.FromResult(BatchOutcome.Duplicate);
            _progress[batch.Id.WriterId] = batch.Id.Sequence;

            var transitions = new List<StatusTransition>();
            foreach (var delta in batch.Deltas)
            {
                _counts.TryGetValue(delta.Domain, out var before);
                var after = new DomainCounts(delta.Domain, before.Delivered + delta.Delivered, before.Bounced + delta.Bounced);
                _counts[delta.Domain] = after;
                if (_policy.TransitionOf(after, delta) is { } transition)
                    transitions.Add(transition);
            }
            _applied.Add(batch);
            return Task.FromResult(new BatchOutcome(false, transitions));
        }
    }

    public Task<DomainCounts> ReadAsync(string domain, CancellationToken cancellationToken)
    {
        lock (_lock)
            return Task.FromResult(_counts.TryGetValue(domain, out var counts) ? counts : DomainCounts.Unseen(domain));
    }

    public Task PingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
