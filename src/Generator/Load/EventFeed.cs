using Akka.Ingest.Domain;
using Akka.Ingest.Workload.Distributions;

namespace Akka.Ingest.Generator.Load;

/// <summary>
/// Hands the first <c>limit</c> events of a stream to the workers, one at a time, in stream order. A lock is
/// plenty: taking an event costs tens of nanoseconds, sending it tens of microseconds at least.
/// </summary>
public sealed class EventFeed(EventCursor cursor, long limit)
{
    private readonly Lock _lock = new();
    private long _taken;

    public bool TryTake(out DomainEvent evt)
    {
        lock (_lock)
        {
            if (_taken == limit)
            {
                evt = default;
                return false;
            }
            _taken++;
            evt = cursor.Next();
            return true;
        }
    }
}
