using System.Diagnostics;
using Akka.Ingest.Pipeline.StatusFeed;

namespace Akka.Ingest.Tests.StatusFeed;

/// <summary>The dashboard's reading of the relay lag counts the outbox at a pace set by what the last count took.</summary>
public sealed class OutboxCountPacingSpecs
{
    private long _now;
    private int _counts;

    private Task<long> Count(TimeSpan takes, long pending)
    {
        _counts++;
        _now += Ticks(takes);
        return Task.FromResult(pending);
    }

    private static long Ticks(TimeSpan span) => (long)(span.TotalSeconds * Stopwatch.Frequency);

    [Fact]
    public async Task Should_count_a_fast_outbox_at_most_once_a_second()
    {
        var pacing = new OutboxCountPacing(() => _now);

        Assert.Equal(5, await pacing.CountAsync(_ => Count(TimeSpan.FromMilliseconds(1), 5), CancellationToken.None));
        _now += Ticks(TimeSpan.FromMilliseconds(900));
        Assert.Equal(5, await pacing.CountAsync(_ => Count(TimeSpan.FromMilliseconds(1), 7), CancellationToken.None));
        Assert.Equal(1, _counts);

        _now += Ticks(TimeSpan.FromMilliseconds(101));
        Assert.Equal(7, await pacing.CountAsync(_ => Count(TimeSpan.FromMilliseconds(1), 7), CancellationToken.None));
        Assert.Equal(2, _counts);
    }

    [Fact]
    public async Task Should_wait_twenty_times_as_long_as_a_slow_count_took()
    {
        var pacing = new OutboxCountPacing(() => _now);

        await pacing.CountAsync(_ => Count(TimeSpan.FromMilliseconds(200), 3_000_000), CancellationToken.None);
        _now += Ticks(TimeSpan.FromSeconds(3.9));
        Assert.Equal(3_000_000, await pacing.CountAsync(_ => Count(TimeSpan.FromMilliseconds(200), 10), CancellationToken.None));
        Assert.Equal(1, _counts);

        _now += Ticks(TimeSpan.FromMilliseconds(101));
        Assert.Equal(10, await pacing.CountAsync(_ => Count(TimeSpan.FromMilliseconds(200), 10), CancellationToken.None));
        Assert.Equal(2, _counts);
    }
}
