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
    private readonly Dictionary<string, DateTimeOffset> _lastWrite = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _idempotencyKeys = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (int Partitions, long LastSequence, DateTimeOffset LastRequest)> _producers = new(StringComparer.Ordinal);
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

    public Task<ICounterWriter> OpenWriterAsync(CancellationToken cancellationToken) => Task.FromResult<ICounterWriter>(new Writer(this));

    private WriteOutcome Apply(IReadOnlyList<CounterBatch> contributions)
    {
        lock (_lock)
        {
            var alreadyApplied = new List<BatchId>();
            var outOfOrder = new List<BatchId>();
            var transitions = new List<StatusTransition>();
            foreach (var batch in contributions)
            {
                if (_progress.TryGetValue(batch.Id.WriterId, out var last) && last >= batch.Id.Sequence)
                {
                    alreadyApplied.Add(batch.Id);
                    if (last > batch.Id.Sequence)
                        outOfOrder.Add(batch.Id);
                    continue;
                }
                _progress[batch.Id.WriterId] = batch.Id.Sequence;
                _lastWrite[batch.Id.WriterId] = DateTimeOffset.UtcNow;
                foreach (var delta in batch.Deltas)
                {
                    _counts.TryGetValue(delta.Domain, out var before);
                    var after = new DomainCounts(delta.Domain, before.Delivered + delta.Delivered, before.Bounced + delta.Bounced);
                    _counts[delta.Domain] = after;
                    if (_policy.TransitionOf(after, delta) is { } transition)
                        transitions.Add(transition);
                }
                _applied.Add(batch);
            }
            return new WriteOutcome(alreadyApplied, transitions) { OutOfOrder = outOfOrder };
        }
    }

    public Task<DomainCounts> ReadAsync(string domain, CancellationToken cancellationToken)
    {
        lock (_lock)
            return Task.FromResult(_counts.TryGetValue(domain, out var counts) ? counts : DomainCounts.Unseen(domain));
    }

    public Task<long> RecordCatchAllThresholdAsync(CancellationToken cancellationToken) => Task.FromResult(_policy.Threshold);

    public Task<string> RecordIdempotencyKeyAsync(string keyHash, string bodyHash, CancellationToken cancellationToken)
    {
        lock (_lock)
            return Task.FromResult(_idempotencyKeys.TryAdd(keyHash, bodyHash) ? bodyHash : _idempotencyKeys[keyHash]);
    }

    public Task<int> ForgetIdleOriginsAsync(TimeSpan idleFor, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var idle = _lastWrite.Where(kv => DateTimeOffset.UtcNow - kv.Value > idleFor && !IsKeptProducerPart(kv.Key)).Select(kv => kv.Key).ToArray();
            foreach (var origin in idle)
            {
                _progress.Remove(origin);
                _lastWrite.Remove(origin);
            }
            return Task.FromResult(idle.Length);
        }
    }

    public Task<int> RecordProducerAsync(string producerHash, long sequence, int partitions, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var recorded = _producers.TryGetValue(producerHash, out var before) && sequence <= before.LastSequence
                ? before with { LastRequest = DateTimeOffset.UtcNow }
                : (Partitions: partitions, LastSequence: sequence, LastRequest: DateTimeOffset.UtcNow);
            _producers[producerHash] = recorded;
            return Task.FromResult(recorded.Partitions);
        }
    }

    public Task<int> ForgetIdleProducersAsync(TimeSpan idleFor, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var forgotten = 0;
            foreach (var producer in _producers.Where(kv => DateTimeOffset.UtcNow - kv.Value.LastRequest > idleFor).Select(kv => kv.Key).ToArray())
            {
                _producers.Remove(producer);
                foreach (var origin in _progress.Keys.Where(o => o.StartsWith($"producer:{producer}/", StringComparison.Ordinal)).ToArray())
                {
                    _progress.Remove(origin);
                    _lastWrite.Remove(origin);
                    forgotten++;
                }
            }
            return Task.FromResult(forgotten);
        }
    }

    private bool IsKeptProducerPart(string origin) =>
        origin.StartsWith("producer:", StringComparison.Ordinal) && _producers.ContainsKey(origin["producer:".Length..origin.IndexOf('/')]);

    public Task PingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private sealed class Writer(InMemoryCounterStore store) : ICounterWriter
    {
        public Task<WriteOutcome> ApplyAsync(IReadOnlyList<CounterBatch> contributions, CancellationToken cancellationToken) =>
            Task.FromResult(store.Apply(contributions));

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
