namespace Akka.Ingest.Bench;

public static class Median
{
    public static double Of(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
            return double.NaN;
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    public static LoadResult Of(IReadOnlyList<LoadResult> runs) => new(
        Of(runs.Select(r => r.EventsPerSecond)),
        Of(runs.Select(r => r.P50Ms)),
        Of(runs.Select(r => r.P95Ms)),
        Of(runs.Select(r => r.P99Ms)),
        runs.Sum(r => r.Requests),
        runs.Sum(r => r.Failures),
        Of(runs.Select(r => r.Cpu)));

    public static CpuSplit Of(IEnumerable<CpuSplit> splits)
    {
        var all = splits.ToArray();
        return new CpuSplit(Of(all.Select(s => s.LoadTool)), Of(all.Select(s => s.Server)), Of(all.Select(s => s.Postgres)));
    }
}
