using System.Diagnostics;

namespace Akka.Ingest.Generator.Load;

/// <summary>
/// Spaces sends evenly at a fixed rate across all workers: send n is due at start + n / rate. A worker that is
/// behind schedule sends at once, so a slow spell is caught up rather than lost (as an open-loop load would).
/// Each turn returns the time the send was due, so latency is measured from the schedule: a stalled host then
/// shows in the latency of every send it held back, not only the few in flight (coordinated omission).
/// </summary>
public sealed class RatePacer
{
    private readonly double _ticksPerEvent;
    private readonly long _start = Stopwatch.GetTimestamp();
    private long _issued;

    private RatePacer(double? eventsPerSecond) =>
        _ticksPerEvent = eventsPerSecond is { } rate ? Stopwatch.Frequency / rate : 0;

    public static RatePacer Unlimited { get; } = new(null);

    public static RatePacer For(double? eventsPerSecond) => eventsPerSecond is null ? Unlimited : new RatePacer(eventsPerSecond);

    /// <summary>Waits for the next turn; returns the <see cref="Stopwatch"/> timestamp it was due (now when unpaced).</summary>
    public async ValueTask<long> WaitTurnAsync(CancellationToken cancellationToken)
    {
        if (_ticksPerEvent == 0)
            return Stopwatch.GetTimestamp();

        var turn = Interlocked.Increment(ref _issued) - 1;
        var due = _start + (long)(turn * _ticksPerEvent);
        var wait = due - Stopwatch.GetTimestamp();
        if (wait > 0)
            await Task.Delay(TimeSpan.FromSeconds(wait / (double)Stopwatch.Frequency), cancellationToken);
        return due;
    }
}
