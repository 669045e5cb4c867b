using Akka.Ingest.Domain;
using Akka.Ingest.StatusFeed;

namespace Akka.Ingest.Tests.StatusFeed;

/// <summary>
/// An outbox in memory; while <see cref="FailDeletes"/> is set, deletes fail, as if the relay crashed before each one.
/// <see cref="Hold"/> takes an id now and makes the entry visible only when the returned action runs, as a
/// PostgreSQL transaction does with its identity value: ids are handed out at insert, not at commit.
/// </summary>
public sealed class InMemoryStatusOutbox : IStatusOutbox, IOutboxSignal
{
    private readonly Lock _lock = new();
    private readonly List<OutboxEntry> _entries = [];
    private readonly OutboxSignalSubscribers _signal = new();
    private long _nextId;
    private int _reads;

    /// <summary>Whether <see cref="Add"/> and a held entry's commit signal the relay, as the real stores do.</summary>
    public bool Signals { get; set; } = true;

    /// <summary>How many times the outbox was read.</summary>
    public int Reads => Volatile.Read(ref _reads);

    public bool FailDeletes { get; set; }

    /// <summary>How many times the outbox was counted (a database scan in the real stores).</summary>
    public int Counts => Volatile.Read(ref _counts);

    private int _counts;

    public void Add(string domain, DomainStatus from, DomainStatus to) => Hold(domain, from, to)();

    /// <summary>Takes the next id for an entry that stays invisible until the returned commit action runs.</summary>
    public Action Hold(string domain, DomainStatus from, DomainStatus to)
    {
        OutboxEntry entry;
        lock (_lock)
            entry = new OutboxEntry(++_nextId, domain, from, to, 1001, 0, DateTimeOffset.UtcNow);
        return () =>
        {
            lock (_lock)
            {
                _entries.Add(entry);
                _entries.Sort((a, b) => a.Id.CompareTo(b.Id));
            }
            if (Signals)
                _signal.Raise();
        };
    }

    public Task<IReadOnlyList<OutboxEntry>> ReadOldestAsync(int limit, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _reads);
        lock (_lock)
            return Task.FromResult<IReadOnlyList<OutboxEntry>>(_entries.Take(limit).ToArray());
    }

    public Task DeleteAsync(IReadOnlyCollection<long> ids, CancellationToken cancellationToken)
    {
        if (FailDeletes)
            return Task.FromException(new InvalidOperationException("The outbox refuses deletes."));
        lock (_lock)
            _entries.RemoveAll(e => ids.Contains(e.Id));
        return Task.CompletedTask;
    }

    public bool HasSubscribers => _signal.HasSubscribers;

    public IDisposable Subscribe(Action entriesMayBeWaiting) => _signal.Subscribe(entriesMayBeWaiting);

    public Task<long> CountAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _counts);
        lock (_lock)
            return Task.FromResult((long)_entries.Count);
    }
}
