using Akka.Ingest.Domain;
using Akka.Ingest.StatusFeed;

namespace Akka.Ingest.Tests.StatusFeed;

/// <summary>An outbox in memory; with <c>deletes: false</c> it behaves as if the relay crashed before each delete.</summary>
public sealed class InMemoryStatusOutbox(bool deletes = true) : IStatusOutbox
{
    private readonly Lock _lock = new();
    private readonly List<OutboxEntry> _entries = [];
    private long _nextId;

    public void Add(string domain, DomainStatus from, DomainStatus to)
    {
        lock (_lock)
            _entries.Add(new OutboxEntry(++_nextId, domain, from, to, 1001, 0, DateTimeOffset.UtcNow));
    }

    public Task<IReadOnlyList<OutboxEntry>> ReadAfterAsync(long afterId, int limit, CancellationToken cancellationToken)
    {
        lock (_lock)
            return Task.FromResult<IReadOnlyList<OutboxEntry>>(_entries.Where(e => e.Id > afterId).Take(limit).ToArray());
    }

    public Task DeleteThroughAsync(long id, CancellationToken cancellationToken)
    {
        if (deletes)
        {
            lock (_lock)
                _entries.RemoveAll(e => e.Id <= id);
        }
        return Task.CompletedTask;
    }

    public Task<long> CountAfterAsync(long afterId, CancellationToken cancellationToken)
    {
        lock (_lock)
            return Task.FromResult((long)_entries.Count(e => e.Id > afterId));
    }
}
