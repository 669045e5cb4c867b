using System.Globalization;

namespace Akka.Ingest.Bench;

public sealed partial class BenchRunner
{
    /// <summary>
    /// h. What a user would write instead: one upsert per request (<see cref="NaiveUpsertService"/>, pooled Npgsql, on
    /// its own database), beside the host, both driven by wrk at 64 and 256 connections over 100,000 random domains
    /// and over 20 hot ones, alternating which goes first.
    /// </summary>
    private async Task NaiveBaselineFigureAsync(ServerProcess host)
    {
        await using var naive = await ServerProcess.StartNaiveUpsertAsync(await NewDatabaseAsync(), settings);
        Console.WriteLine($"naive upsert service {naive.Address} (pid {naive.Id})");
        await _evidence.BeginAsync();
        var warmUp = TimeSpan.FromSeconds(settings.Smoke ? 1 : 5);
        foreach (var (mix, domains) in new[] { ("random", _sizes.PutDomains), ("hot", 20) })
        {
            foreach (var connections in _sizes.NaiveConnections)
            {
                foreach (var server in new[] { naive, host })
                    await WrkLoad.PutAsync(server.Address, connections, warmUp, domains, server.Id, _postmasterPid, settings.LogDirectory);

                var hostRuns = new List<LoadResult>();
                var naiveRuns = new List<LoadResult>();
                for (var rep = 0; rep < _sizes.Repetitions; rep++)
                {
                    foreach (var server in rep % 2 == 0 ? new[] { naive, host } : [host, naive])
                    {
                        var result = await WrkLoad.PutAsync(server.Address, connections, _sizes.LoadDuration, domains, server.Id, _postmasterPid, settings.LogDirectory);
                        (server == host ? hostRuns : naiveRuns).Add(result);
                        Progress($"h. {mix} {connections} conns rep {rep + 1} {(server == host ? "host" : "naive")}", result);
                    }
                }

                var ingest = Median.Of(hostRuns);
                var baseline = Median.Of(naiveRuns);
                var ratio = Median.Of(hostRuns.Zip(naiveRuns, (h, n) => h.EventsPerSecond / Math.Max(n.EventsPerSecond, 1)));
                var target = connections == 64;
                var what = $"h. PUT over {(mix == "hot" ? "20 hot" : $"{_sizes.PutDomains:#,0} random")} domains, {connections} connections (wrk): host vs one upsert per request";
                _report.Figure($"{what}, events/s",
                    Report.Rate(_report.Number($"h. host {mix} {connections}", ingest.EventsPerSecond)),
                    Report.Rate(_report.Number($"h. naive {mix} {connections}", baseline.EventsPerSecond)) + (baseline.Failures > 0 ? $" ({baseline.Failures:#,0} errors)" : ""),
                    string.Create(CultureInfo.InvariantCulture, $"{ratio:0.0}×"), target ? "≥ 5×" : "no collapse", target ? ratio >= 5 : ingest.Failures == 0 && ratio >= 1);
                _report.Figure($"{what}, p50 / p99 ms",
                    $"{Report.Ms(ingest.P50Ms)} / {Report.Ms(ingest.P99Ms)}", $"{Report.Ms(baseline.P50Ms)} / {Report.Ms(baseline.P99Ms)}", "", "—", null);
                CpuPerEventFigure($"h. {mix} {connections} connections", hostRuns, naiveRuns, "naive");
                _report.Cpu($"h. {mix} {connections} conns: host", ingest.Cpu);
                _report.Cpu($"h. {mix} {connections} conns: naive upsert service", baseline.Cpu);
            }
        }
        _report.Evidence(await _evidence.DescribeAsync("h. naive baseline (host and naive service)"));
    }
}
