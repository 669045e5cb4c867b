using HdrHistogram;

namespace Akka.Ingest.Generator.Load;

/// <summary>Request latency in milliseconds, from an HdrHistogram of microseconds.</summary>
public sealed record LatencySummary(
    long Requests, double MinMs, double MeanMs, double P50Ms, double P90Ms, double P95Ms, double P99Ms, double P999Ms, double MaxMs)
{
    public static LatencySummary From(HistogramBase microseconds) => microseconds.TotalCount == 0
        ? new LatencySummary(0, 0, 0, 0, 0, 0, 0, 0, 0)
        : new LatencySummary(
            microseconds.TotalCount,
            Milliseconds(microseconds.RecordedValues().First().ValueIteratedTo),
            microseconds.GetMean() / 1000.0,
            Milliseconds(microseconds.GetValueAtPercentile(50)),
            Milliseconds(microseconds.GetValueAtPercentile(90)),
            Milliseconds(microseconds.GetValueAtPercentile(95)),
            Milliseconds(microseconds.GetValueAtPercentile(99)),
            Milliseconds(microseconds.GetValueAtPercentile(99.9)),
            Milliseconds(microseconds.GetMaxValue()));

    /// <summary>The value a check names: min, mean, p50, p90, p95, p99, p99.9 or max (milliseconds).</summary>
    public double? Named(string statistic) => statistic switch
    {
        "min" => MinMs,
        "mean" or "avg" => MeanMs,
        "p50" or "med" => P50Ms,
        "p90" => P90Ms,
        "p95" => P95Ms,
        "p99" => P99Ms,
        "p99.9" or "p999" => P999Ms,
        "max" => MaxMs,
        _ => null,
    };

    private static double Milliseconds(long microseconds) => microseconds / 1000.0;
}
