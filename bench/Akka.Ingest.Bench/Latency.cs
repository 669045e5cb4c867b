using HdrHistogram;

namespace Akka.Ingest.Bench;

/// <summary>Merges per-worker latency histograms (microseconds) into a <see cref="LoadResult"/>.</summary>
public static class Latency
{
    public static LoadResult Summarise(IReadOnlyList<LongHistogram> histograms, double eventsPerSecond, long failures, CpuSplit cpu)
    {
        var all = new LongHistogram(TimeSpan.FromMinutes(2).Ticks / 10, 3);
        foreach (var histogram in histograms)
            all.Add(histogram);
        return new LoadResult(
            eventsPerSecond,
            all.GetValueAtPercentile(50) / 1000.0,
            all.GetValueAtPercentile(95) / 1000.0,
            all.GetValueAtPercentile(99) / 1000.0,
            all.TotalCount,
            failures,
            cpu);
    }
}
