using System.Diagnostics;

namespace Akka.Ingest.Pipeline.StatusFeed;

/// <summary>
/// Counts again only when the last count is old enough: never sooner than <see cref="IdleFactor"/> times what the
/// last count took, and never sooner than <see cref="MinInterval"/>. A count that takes 100 ms (a few million rows
/// waiting) is then repeated at most every 2 s, one that takes a millisecond every second.
/// </summary>
public sealed class OutboxCountPacing(Func<long>? clock = null)
{
    public const int IdleFactor = 20;
    public static readonly TimeSpan MinInterval = TimeSpan.FromSeconds(1);

    private readonly Func<long> _clock = clock ?? Stopwatch.GetTimestamp;
    private long? _last;
    private long _dueAt;

    public async Task<long> CountAsync(Func<CancellationToken, Task<long>> count, CancellationToken cancellationToken)
    {
        if (_last is { } last && _clock() < _dueAt)
            return last;
        var started = _clock();
        var counted = await count(cancellationToken);
        var took = _clock() - started;
        var wait = Math.Max(took * IdleFactor, (long)(MinInterval.TotalSeconds * Stopwatch.Frequency));
        (_last, _dueAt) = (counted, started + took + wait);
        return counted;
    }
}
