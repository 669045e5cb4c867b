using System.Globalization;

namespace Akka.Ingest.Bench;

public sealed partial class BenchRunner
{
    /// <summary>
    /// p. Producer sessions (issue 22): the realistic client of figure g at its first connection count, with
    /// <c>--producer</c> (every request carries <c>Producer-Id</c> and <c>Producer-Sequence</c>, each request part a
    /// ledger stream of its own) against the same load without, on the same host, alternating; target ≥ 90 % of
    /// the rate without the headers.
    /// </summary>
    private async Task ProducerSessionsFigureAsync(ServerProcess host)
    {
        await _evidence.BeginAsync();
        var connections = _sizes.RealisticConnections[0];
        var warmUp = await RealisticRunAsync(host, _sizes.RealisticWarmUpEvents, connections);
        await RealisticRunAsync(host, _sizes.RealisticWarmUpEvents, connections, ProducerArguments("warm-up"));
        var events = Math.Max(_sizes.RealisticWarmUpEvents, (long)(warmUp.EventsPerSecond * _sizes.LoadDuration.TotalSeconds));

        var withRuns = new List<LoadResult>();
        var withoutRuns = new List<LoadResult>();
        for (var rep = 0; rep < _sizes.Repetitions; rep++)
        {
            foreach (var producer in rep % 2 == 0 ? new[] { false, true } : [true, false])
            {
                var result = await RealisticRunAsync(host, events, connections, producer ? ProducerArguments($"rep{rep + 1}") : null);
                (producer ? withRuns : withoutRuns).Add(result);
                Progress($"p. producer sessions {connections} conns rep {rep + 1} {(producer ? "with" : "without")}", result);
            }
        }

        var with = Median.Of(withRuns);
        var without = Median.Of(withoutRuns);
        var ratio = Median.Of(withRuns.Zip(withoutRuns, (w, o) => w.EventsPerSecond / o.EventsPerSecond));
        _report.Figure($"p. producer sessions (generator CLI --producer, Mailgun mix) events/s, {connections} connections",
            Report.Rate(_report.Number($"p. with producer events/s {connections}", with.EventsPerSecond)),
            $"{Report.Rate(_report.Number($"p. without producer events/s {connections}", without.EventsPerSecond))} without",
            Report.Percent(ratio), "≥ 90 % of without", ratio >= 0.9);
        _report.Figure($"p. producer sessions latency p50 / p95 / p99 ms, {connections} connections",
            $"{Report.Ms(with.P50Ms)} / {Report.Ms(with.P95Ms)} / {Report.Ms(with.P99Ms)}",
            $"{Report.Ms(without.P50Ms)} / {Report.Ms(without.P95Ms)} / {Report.Ms(without.P99Ms)} without", "", "—", null);
        CpuPerEventFigure($"p. producer sessions, {connections} connections", withRuns, withoutRuns, "without");
        if (with.Failures > 0)
            _report.Figure($"p. producer sessions failed events, {connections} connections", with.Failures.ToString(CultureInfo.InvariantCulture),
                without.Failures.ToString(CultureInfo.InvariantCulture), "", "0", false);
        _report.Cpu($"p. producer sessions {connections} conns: host with --producer (load: generator CLI)", with.Cpu);
        _report.Cpu($"p. producer sessions {connections} conns: host without (load: generator CLI)", without.Cpu);
        _report.Evidence(await _evidence.DescribeAsync("p. producer sessions"));
    }

    /// <summary>A prefix of its own per run: its workers are new producers, each starting its own sequence.</summary>
    private static string[] ProducerArguments(string run) => ["--producer", $"bench-{run}-{Guid.NewGuid():N}"];
}
