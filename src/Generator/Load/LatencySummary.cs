using HdrHistogram;

namespace Akka.Ingest.Generator.Load;

/// <summary>Request latency percentiles in milliseconds, from an HdrHistogram of microseconds.</summary>
public sealed record LatencySummary(long Requests, double P50Ms, double P95Ms, double P99Ms, double MaxMs)
{
    public static LatencySummary From(HistogramBase microseconds) => microseconds.TotalCount == 0
        ? new LatencySummary(0, 0, 0, 0, 0)
        : new LatencySummary(
            microseconds.TotalCount,
            Milliseconds(microseconds.GetValueAtPercentile(50)),
            Milliseconds(microseconds.GetValueAtPercentile(95)),
            Milliseconds(microseconds.GetValueAtPercentile(99)),
            Milliseconds(microseconds.GetMaxValue()));

    private static double Milliseconds(long microseconds) => microseconds / 1000.0;
}
