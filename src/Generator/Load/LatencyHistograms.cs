using HdrHistogram;

namespace Akka.Ingest.Generator.Load;

/// <summary>
/// One plain (single-writer) histogram per worker, merged at the end: no contention on the hot path.
/// Values are microseconds, tracked up to an hour with three significant digits.
/// </summary>
public static class LatencyHistograms
{
    private const long HighestMicroseconds = 3_600_000_000;

    public static LongHistogram Create() => new(HighestMicroseconds, 3);

    public static void Record(LongHistogram histogram, TimeSpan latency) =>
        histogram.RecordValue(Math.Clamp((long)latency.TotalMicroseconds, 1, HighestMicroseconds));

    public static LongHistogram Merge(IEnumerable<LongHistogram> histograms)
    {
        var merged = Create();
        foreach (var histogram in histograms)
            merged.Add(histogram);
        return merged;
    }
}
