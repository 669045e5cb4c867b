using System.Diagnostics;

namespace Akka.Ingest.Generator.Load;

/// <summary>
/// Per-second counts of a run (by the second the request was due, from the start): requests, acknowledged,
/// failed, and the mean and maximum latency from the scheduled send. Lock-free: one slot per second.
/// </summary>
public sealed class LoadTimeline
{
    private const int MaxSeconds = 86_400;

    private readonly long _start = Stopwatch.GetTimestamp();
    private readonly Slot[] _slots = new Slot[MaxSeconds];
    private int _last = -1;

    public void Record(long scheduledTimestamp, TimeSpan latency, bool acknowledged)
    {
        var second = (int)Math.Clamp((scheduledTimestamp - _start) / Stopwatch.Frequency, 0, MaxSeconds - 1);
        ref var slot = ref _slots[second];
        Interlocked.Increment(ref slot.Requests);
        if (acknowledged)
            Interlocked.Increment(ref slot.Acknowledged);
        var micros = (long)latency.TotalMicroseconds;
        Interlocked.Add(ref slot.LatencyMicros, micros);
        long max;
        while (micros > (max = Interlocked.Read(ref slot.MaxMicros)) && Interlocked.CompareExchange(ref slot.MaxMicros, micros, max) != max)
        {
        }
        int last;
        while (second > (last = Volatile.Read(ref _last)) && Interlocked.CompareExchange(ref _last, second, last) != last)
        {
        }
    }

    public IReadOnlyList<LoadSecond> Seconds() =>
        Enumerable.Range(0, Volatile.Read(ref _last) + 1)
            .Select(second => _slots[second] is var slot && slot.Requests > 0
                ? new LoadSecond(second, slot.Requests, slot.Acknowledged, slot.Requests - slot.Acknowledged,
                    slot.LatencyMicros / 1000.0 / slot.Requests, slot.MaxMicros / 1000.0)
                : new LoadSecond(second, 0, 0, 0, 0, 0))
            .ToList();

    private struct Slot
    {
        public long Requests;
        public long Acknowledged;
        public long LatencyMicros;
        public long MaxMicros;
    }
}

/// <summary>One second of a run: requests due in it, how they ended, and their latency from the schedule.</summary>
public sealed record LoadSecond(int Second, long Requests, long Acknowledged, long Failed, double MeanMs, double MaxMs);
