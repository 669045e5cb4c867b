using System.Diagnostics;
using Akka.Ingest.Domain;
using Akka.Ingest.Workload.Distributions;

namespace Akka.Ingest.Generator.Load;

/// <summary>
/// Hands the first <c>limit</c> events of a stream to the workers, one at a time, in stream order, until the
/// limit or the deadline (a <see cref="Stopwatch"/> timestamp) is reached. A lock is plenty: taking an event costs
/// tens of nanoseconds, sending it tens of microseconds at least.
/// </summary>
public sealed class EventFeed(EventCursor cursor, long limit, long? deadline = null)
{
    private readonly Lock _lock = new();
    private long _taken;

    /// <summary>Events handed out so far: with a deadline, how many the run sends.</summary>
    public long Taken
    {
        get
        {
            lock (_lock)
                return _taken;
        }
    }

    public bool TryTake(out DomainEvent evt)
    {
        lock (_lock)
        {
            if (_taken == limit || (deadline is { } end && Stopwatch.GetTimestamp() >= end))
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
