using System.Diagnostics;

namespace Akka.Ingest.Generator.Load;

/// <summary>
/// Spaces sends evenly at a fixed rate across all workers: send n is due at start + n / rate. A worker that is
/// behind schedule sends at once, so a slow spell is caught up rather than lost (as an open-loop load would).
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

    public ValueTask WaitTurnAsync(CancellationToken cancellationToken)
    {
        if (_ticksPerEvent == 0)
            return ValueTask.CompletedTask;

        var turn = Interlocked.Increment(ref _issued) - 1;
        var wait = _start + (long)(turn * _ticksPerEvent) - Stopwatch.GetTimestamp();
        return wait <= 0
            ? ValueTask.CompletedTask
            : new ValueTask(Task.Delay(TimeSpan.FromSeconds(wait / (double)Stopwatch.Frequency), cancellationToken));
    }
}
