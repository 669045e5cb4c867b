using System.Globalization;

namespace Akka.Ingest.Bench;

public sealed partial class BenchRunner
{
    /// <summary>Issue 13's starting point: the Mailgun mix at 50 connections, 3,850 events/s with a p99 of 39 ms.</summary>
    private const double RealisticClientBefore = 3_850;

    /// <summary>The server's CPU per acknowledged event, in microseconds (server cores over events per second).</summary>
    private static double ServerMicrosecondsPerEvent(LoadResult run) => run.Cpu.Server * 1e6 / run.EventsPerSecond;

    /// <summary>One row: the host's and the baseline's CPU µs per event, medians of the repetitions, against the 40 µs target.</summary>
    private void CpuPerEventFigure(string what, IReadOnlyList<LoadResult> hostRuns, IReadOnlyList<LoadResult>? baselineRuns, string baselineName = "")
    {
        var host = Median.Of(hostRuns.Select(ServerMicrosecondsPerEvent));
        var baseline = baselineRuns is null ? "" : $"{Median.Of(baselineRuns.Select(ServerMicrosecondsPerEvent)):0} {baselineName}".TrimEnd();
        _report.Figure($"{what}: server CPU µs per event", host.ToString("0", CultureInfo.InvariantCulture), baseline, "", "≤ 40 µs", host <= 40);
    }

    /// <summary>
    /// g. The realistic client: the generator CLI (the seeded Mailgun mix, about 20 domains interleaved, keep-alive,
    /// as fast as its workers get answers) at 50 and 256 connections, against the host and against bare Kestrel.
    /// Each step's warm-up also calibrates how many events make a run of the load duration.
    /// </summary>
    private async Task RealisticClientFigureAsync(ServerProcess host, ServerProcess bare)
    {
        await _evidence.BeginAsync();
        foreach (var connections in _sizes.RealisticConnections)
        {
            var events = new Dictionary<ServerProcess, long>();
            foreach (var server in new[] { bare, host })
            {
                var warmUp = await RealisticRunAsync(server, _sizes.RealisticWarmUpEvents, connections);
                events[server] = Math.Max(_sizes.RealisticWarmUpEvents, (long)(warmUp.EventsPerSecond * _sizes.LoadDuration.TotalSeconds));
            }

            var hostRuns = new List<LoadResult>();
            var bareRuns = new List<LoadResult>();
            for (var rep = 0; rep < _sizes.Repetitions; rep++)
            {
                foreach (var server in rep % 2 == 0 ? new[] { bare, host } : [host, bare])
                {
                    var result = await RealisticRunAsync(server, events[server], connections);
                    (server == host ? hostRuns : bareRuns).Add(result);
                    Progress($"g. realistic {connections} conns rep {rep + 1} {(server == host ? "host" : "bare")}", result);
                }
            }

            var ingest = Median.Of(hostRuns);
            var baseline = Median.Of(bareRuns);
            var atFifty = connections == 50;
            _report.Figure($"g. realistic client (generator CLI, Mailgun mix) events/s, {connections} connections",
                Report.Rate(_report.Number($"g. host events/s {connections}", ingest.EventsPerSecond)),
                Report.Rate(_report.Number($"g. bare events/s {connections}", baseline.EventsPerSecond)),
                Report.Percent(Median.Of(hostRuns.Zip(bareRuns, (h, b) => h.EventsPerSecond / b.EventsPerSecond))),
                atFifty ? $"≥ 4× {Report.Rate(RealisticClientBefore)} = {Report.Rate(4 * RealisticClientBefore)}" : "—",
                atFifty ? ingest.EventsPerSecond >= 4 * RealisticClientBefore : null);
            _report.Figure($"g. realistic client latency p50 / p95 / p99 ms, {connections} connections",
                $"{Report.Ms(ingest.P50Ms)} / {Report.Ms(ingest.P95Ms)} / {Report.Ms(_report.Number($"g. host p99 {connections}", ingest.P99Ms))}",
                $"{Report.Ms(baseline.P50Ms)} / {Report.Ms(baseline.P95Ms)} / {Report.Ms(baseline.P99Ms)}",
                "", atFifty ? "p99 ≤ 10 ms" : "—", atFifty ? ingest.P99Ms <= 10 : null);
            CpuPerEventFigure($"g. realistic client, {connections} connections", hostRuns, bareRuns, "bare");
            if (ingest.Failures > 0)
                _report.Figure($"g. realistic client failed events, {connections} connections", ingest.Failures.ToString(CultureInfo.InvariantCulture),
                    baseline.Failures.ToString(CultureInfo.InvariantCulture), "", "0", false);
            _report.Cpu($"g. realistic {connections} conns: host (load: generator CLI)", ingest.Cpu);
            _report.Cpu($"g. realistic {connections} conns: bare Kestrel (load: generator CLI)", baseline.Cpu);
        }
        _report.Evidence(await _evidence.DescribeAsync("g. realistic client"));
    }

    /// <param name="extra">More generator options (figure p: <c>--producer PREFIX</c>).</param>
    private async Task<LoadResult> RealisticRunAsync(ServerProcess server, long events, int connections, IReadOnlyList<string>? extra = null)
    {
        var meter = CpuSplit.Start(LoadToolKind.ChildProcess, server.Id, _postmasterPid);
        await using var generator = GeneratorCliLoad.Start(server.Address, events, connections, rate: null, "mailgun", settings.LogDirectory,
            name: extra is null ? null : $"generator-{server.Address.Port}-{connections}-producer", extra: extra);
        var result = await GeneratorCliLoad.FinishAsync(generator, TimeSpan.FromMinutes(5));
        return result with { Cpu = meter.Stop() };
    }
}
