using System.Globalization;

namespace Akka.Ingest.Bench;

public sealed partial class BenchRunner
{
    /// <summary>
    /// f. The status relay. (1) The in-process generator over few domains (every domain soon bounces: about one
    /// transition per ten events), the relay running beside the writers: how long after the last commit the outbox is
    /// empty. (2) Its capacity: the same events ingested with the relay off, then a fresh host's relay drains the
    /// backlog alone: transitions per second.
    /// </summary>
    private async Task StatusFeedFigureAsync()
    {
        await _evidence.BeginAsync();
        var distribution = _sizes.RelayDistribution;
        var events = _sizes.RelayEvents;
        var ingestRates = new List<double>();
        var catchUps = new List<double>();
        var pendingAtEnd = new List<double>();
        var transitions = new List<double>();
        var drains = new List<double>();
        var drainCpu = new List<CpuSplit>();
        for (var rep = 0; rep < _sizes.Repetitions; rep++)
        {
            var seed = 200 + rep;
            var live = await NewDatabaseAsync();
            await using (var host = StartGeneratingHost($"host-relay-live-{rep}", live, distribution, events, seed, []))
            {
                var done = await host.WaitForLineAsync(GeneratedLine(), GenerationTimeout);
                var atLastCommit = await StatusFeedProbe.ReadAsync(live);
                var (seconds, _, caughtUp) = await StatusFeedProbe.WaitUntilCaughtUpAsync(live, GenerationTimeout);
                var rate = double.Parse(done.Groups["rate"].Value, CultureInfo.InvariantCulture);
                ingestRates.Add(rate);
                catchUps.Add(seconds);
                pendingAtEnd.Add(atLastCommit.Pending);
                transitions.Add(caughtUp.Journaled);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  f. relay live rep {rep + 1}: ingest {rate:#,0} events/s; at the last commit {StatusFeedProbe.Describe(atLastCommit)}; caught up {seconds:0.00} s later ({caughtUp.Journaled:#,0} journaled)"));
                await host.StopAsync(TimeSpan.FromSeconds(30));
            }

            var backlog = await NewDatabaseAsync();
            await using (var host = StartGeneratingHost($"host-relay-off-{rep}", backlog, distribution, events, seed, ["--Ingest:StatusFeed:RunRelay=false"]))
            {
                await host.WaitForLineAsync(GeneratedLine(), GenerationTimeout);
                await host.StopAsync(TimeSpan.FromSeconds(30));
            }
            var before = await StatusFeedProbe.ReadAsync(backlog);
            await using (var relay = await ServerProcess.StartHostAsync($"host-relay-drain-{rep}", backlog, [], settings))
            {
                var meter = CpuSplit.Start(LoadToolKind.ThisProcess, relay.Id, _postmasterPid);
                var (seconds, drain, after) = await StatusFeedProbe.WaitUntilCaughtUpAsync(backlog, GenerationTimeout);
                var cpu = meter.Stop() with { LoadTool = 0 };
                drains.Add(drain);
                drainCpu.Add(cpu);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  f. relay drain rep {rep + 1}: backlog {StatusFeedProbe.Describe(before)}; empty after {seconds:0.00} s, {drain:#,0} transitions/s ({after.Journaled:#,0} journaled; cpu {cpu})"));
            }
        }

        var drainRate = Median.Of(drains);
        _report.Figure($"f. status relay: transitions/s draining a backlog alone ({Report.Rate(Median.Of(transitions))} transitions from {events:#,0} {distribution} events)",
            Report.Rate(_report.Number("f. relay drain transitions/s", drainRate)), "", "", "≥ 50,000 transitions/s", drainRate >= 50_000);
        _report.Figure($"f. status relay beside the writers: seconds from the last commit until the outbox is empty (in-process {distribution}, {Report.Rate(Median.Of(ingestRates))} events/s)",
            string.Create(CultureInfo.InvariantCulture, $"{Median.Of(catchUps):0.00} s ({Report.Rate(Median.Of(pendingAtEnd))} pending at the last commit)"),
            "", "", "—", null);
        _report.Number("f. relay transitions journaled", Median.Of(transitions));
        _report.Cpu("f. relay draining a backlog: host", Median.Of(drainCpu));
        _report.Evidence(await _evidence.DescribeAsync("f. status relay"));
    }

    private ChildProcess StartGeneratingHost(string name, string connectionString, string distribution, long events, int seed, IEnumerable<string> extra) =>
        ChildProcess.Start(name, "dotnet",
            [Path.Combine(AppContext.BaseDirectory, "Akka.Ingest.Pipeline.dll"), "--urls", "http://127.0.0.1:0",
             "--store", "Postgres", "--connection-string", connectionString, "--partitions", ServerProcess.HostPartitions.ToString(CultureInfo.InvariantCulture),
             "--generate", events.ToString(CultureInfo.InvariantCulture), "--distribution", distribution, "--seed", seed.ToString(CultureInfo.InvariantCulture),
             .. settings.HostArguments, .. extra],
            settings.LogDirectory, settings.HostEnvironment);
}
