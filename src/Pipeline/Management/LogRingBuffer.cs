using Serilog.Core;
using Serilog.Events;

namespace Akka.Ingest.Pipeline.Management;

/// <summary>
/// A Serilog sink that keeps the last <see cref="Capacity"/> events in memory for <c>/admin/logs</c>: a fixed
/// array overwritten in a ring, so it never grows. Events are kept as they are and rendered only when read.
/// </summary>
public sealed class LogRingBuffer : ILogEventSink
{
    private readonly LogEvent[] _events;
    private readonly Lock _lock = new();
    private long _written;

    public LogRingBuffer(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _events = new LogEvent[capacity];
    }

    public int Capacity => _events.Length;

    public void Emit(LogEvent logEvent)
    {
        lock (_lock)
        {
            _events[_written % _events.Length] = logEvent;
            _written++;
        }
    }

    /// <summary>The newest <paramref name="count"/> events (fewer if fewer were kept), oldest first.</summary>
    public IReadOnlyList<LogEvent> Last(int count)
    {
        lock (_lock)
        {
            var available = (int)Math.Min(_written, _events.Length);
            var take = Math.Clamp(count, 0, available);
            var result = new LogEvent[take];
            for (var i = 0; i < take; i++)
                result[i] = _events[(_written - take + i) % _events.Length];
            return result;
        }
    }
}
