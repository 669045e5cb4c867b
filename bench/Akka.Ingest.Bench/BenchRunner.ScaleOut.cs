using System.Diagnostics;
using System.Globalization;
using System.Text;
using Akka.Ingest.Testing;
using Npgsql;

namespace Akka.Ingest.Bench;

public sealed partial class BenchRunner
{
    /// <summary>Figure s's PostgreSQL: PostgreSQL's own defaults (not the tuned settings of the other figures), durable.</summary>
    public static readonly IReadOnlyDictionary<string, string> DefaultPostgres = new Dictionary<string, string>
    {
        ["max_connections"] = "100",
        ["shared_buffers"] = "128MB",
        ["max_wal_size"] = "1GB",
        ["fsync"] = "on",
        ["synchronous_commit"] = "on",
    };

    private static readonly int[] ScaleOutVariants = [1, 3];
    private static readonly TimeSpan ScaleOutLoadTimeout = TimeSpan.FromMinutes(10);
    private const string ScaleOutDistribution = "mailgun";
    private const int GetBurstDomains = 200;

    private int _scaleOutDatabase;

    /// <summary>
    /// s. Scale-out (issue 20): one plain host against three cluster nodes, each behind HAProxy, on one PostgreSQL
    /// with default settings; the generator CLI through the balancer, after a warm-up, once paced and once saturated;
    /// the variants alternated 1, 3, 1, 3 (and the builds, with a baseline), each run on fresh processes and a fresh database.
    /// </summary>
    private async Task ScaleOutFigureAsync()
    {
        var builds = new List<ScaleOutBuild>();
        if (settings.HasBaseline)
            builds.Add(new ScaleOutBuild("baseline", settings.BaselineHost ?? AppContext.BaseDirectory, settings.BaselineArguments));
        builds.Add(new ScaleOutBuild("this build", AppContext.BaseDirectory, settings.ScaleArguments));

        var postgresSettings = DefaultPostgres.Concat(settings.ScalePostgresOverrides).GroupBy(kv => kv.Key).ToDictionary(g => g.Key, g => g.Last().Value);
        await using var postgres = await PostgresServer.StartAsync(postgresSettings);
        var (postmaster, version) = await PostmasterAsync(postgres.AdminConnectionString);
        if (_postgresVersion.Length == 0)
            _postgresVersion = version;
        var haproxy = HaProxy.Version();
        Console.WriteLine($"s. scale-out: PostgreSQL {version} ({string.Join(", ", postgresSettings.Select(kv => $"{kv.Key}={kv.Value}"))}), {haproxy}");

        var runs = new List<ScaleOutRun>();
        for (var rep = 0; rep < _sizes.Repetitions; rep++)
        {
            // Alternate which build goes first; within a build the variants go 1, 3.
            foreach (var build in rep % 2 == 0 ? builds : Enumerable.Reverse(builds))
            {
                foreach (var nodes in ScaleOutVariants)
                    runs.Add(await ScaleOutRunAsync(postgres, postmaster, build, nodes, rep));
            }
        }
        ReportScaleOut(new ScaleOutResults(builds, runs), version, haproxy, postgresSettings);
    }

    private async Task<ScaleOutRun> ScaleOutRunAsync(PostgresServer postgres, int postmaster, ScaleOutBuild build, int nodes, int repetition)
    {
        var sizes = _sizes.ScaleOut;
        var name = string.Create(CultureInfo.InvariantCulture, $"s-{(build.Label == "baseline" ? "baseline" : "build")}-{nodes}node-{repetition + 1}");
        var connectionString = string.Join(';', [await postgres.CreateDatabaseAsync($"scale{++_scaleOutDatabase}"), .. settings.ConnectionOptions]);
        var database = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        var counters = new PostgresCounters(postgres.AdminConnectionString, database);
        string[] extra = [.. settings.HostArguments, .. build.Arguments, .. nodes == 1 ? settings.ScaleSingleNodeArguments : settings.ScaleClusterArguments];

        await using var backends = BackendSampler.Start(postgres.AdminConnectionString, database);
        await using var hosts = await ScaleOutNodes.StartAsync(name, build, nodes, connectionString, extra, settings.HostEnvironment, settings.LogDirectory);
        await using var proxy = await HaProxy.StartAsync($"{name}-haproxy", hosts.HttpPorts, settings.LogDirectory);

        await using (var warmUpGenerator = StartScaleOutLoad(proxy, $"{name}-warmup", sizes.WarmUpEvents, rate: null, seed: 21))
        {
            var warmUp = await GeneratorCliLoad.FinishReportAsync(warmUpGenerator, ScaleOutLoadTimeout);
            var statuses = HttpStatusTally.Of(warmUp.Responses, warmUp.TransportErrors);
            hosts.EnsureRunning();
            await Task.Delay(sizes.Settle);

            var paced = await MeasureScaleOutLoadAsync(hosts, proxy, postmaster, counters, $"{name}-paced", sizes.PacedEvents, sizes.PacedRate, seed: 22);
            await Task.Delay(sizes.Settle);
            var pacedSettled = await counters.ReadAsync();

            var saturatedEvents = (long)Math.Max(sizes.PacedEvents, Math.Max(warmUp.EventsPerSecond, paced.Report.EventsPerSecond) * sizes.Phase.TotalSeconds);
            var saturated = await MeasureScaleOutLoadAsync(hosts, proxy, postmaster, counters, $"{name}-saturated", saturatedEvents, rate: null, seed: 23);
            await Task.Delay(sizes.Settle);
            var saturatedSettled = await counters.ReadAsync();
            hosts.EnsureRunning();

            var idleFrom = hosts.CpuSecondsEach();
            var postgresIdleFrom = ProcessStats.TreeCpuSeconds(postmaster);
            var idleStarted = Stopwatch.GetTimestamp();
            await Task.Delay(sizes.Idle);
            var idleSeconds = Stopwatch.GetElapsedTime(idleStarted).TotalSeconds;
            var idleCores = hosts.CpuSecondsEach().Zip(idleFrom, (end, start) => (end - start) / idleSeconds).ToArray();
            var postgresIdle = (ProcessStats.TreeCpuSeconds(postmaster) - postgresIdleFrom) / idleSeconds;
            var idleEnd = await counters.ReadAsync();
            var idleCommitsPerSecond = (idleEnd.Commits - saturatedSettled.Commits) / saturatedSettled.SecondsUntil(idleEnd);

            statuses = statuses
                .Plus(HttpStatusTally.Of(paced.Report.Responses, paced.Report.TransportErrors))
                .Plus(HttpStatusTally.Of(saturated.Report.Responses, saturated.Report.TransportErrors))
                .Plus(await GetBurstAsync(proxy.Address, connectionString, sizes.Concurrency));
            var balance = await proxy.ServersAsync();
            hosts.EnsureRunning();

            // The commits of a load: xact_commit from its start until the settle after it, less what the idle nodes
            // commit at their idle rate during that settle.
            ScaleOutPhase PhaseOf(MeasuredLoad load, PostgresCounters.Snapshot settled) => new(
                load.Report.EventsPerSecond, load.Report.Latency.P50Ms, load.Report.Latency.P99Ms, load.Report.Acknowledged, load.Seconds,
                load.HostCpuSeconds, load.PostgresCpuSeconds, load.LoadCpuSeconds,
                Math.Max(0, settled.Commits - load.Before.Commits - idleCommitsPerSecond * load.After.SecondsUntil(settled)),
                load.After.NextTransactionId - load.Before.NextTransactionId);

            var run = new ScaleOutRun(build, nodes, repetition, warmUp.EventsPerSecond, PhaseOf(paced, pacedSettled), PhaseOf(saturated, saturatedSettled),
                idleCores, postgresIdle, idleCommitsPerSecond, backends.Peak, statuses, balance);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  s. {build.Label}, {nodes} node(s), rep {repetition + 1}: paced {run.Paced.EventsPerSecond:#,0}/s p99 {run.Paced.P99Ms:0.0} ms, "
                + $"saturated {run.Saturated.EventsPerSecond:#,0}/s p99 {run.Saturated.P99Ms:0.0} ms; per event (paced / saturated): host {run.Paced.HostMicrosecondsPerEvent:0} / {run.Saturated.HostMicrosecondsPerEvent:0} µs, "
                + $"PostgreSQL {run.Paced.PostgresMicrosecondsPerEvent:0} / {run.Saturated.PostgresMicrosecondsPerEvent:0} µs, commits {run.Paced.CommitsPerEvent:0.000} / {run.Saturated.CommitsPerEvent:0.000}; "
                + $"idle {run.IdleCoresMean:0.000} core/node; peak backends {run.PeakBackends}; 503/504/other 5xx/4xx/transport {run.Statuses}"));
            return run;
        }
    }

    private ChildProcess StartScaleOutLoad(HaProxy proxy, string name, long events, double? rate, long seed) =>
        GeneratorCliLoad.Start(proxy.Address, events, _sizes.ScaleOut.Concurrency, rate, ScaleOutDistribution, settings.LogDirectory, seed, name);

    /// <summary>One load through the balancer, with the CPU of every node, of PostgreSQL and of the load side read around it.</summary>
    private async Task<MeasuredLoad> MeasureScaleOutLoadAsync(
        ScaleOutNodes hosts, HaProxy proxy, int postmaster, PostgresCounters counters, string name, long events, double? rate, long seed)
    {
        var before = await counters.ReadAsync();
        var host = hosts.CpuSecondsEach().Sum();
        var postgres = ProcessStats.TreeCpuSeconds(postmaster);
        var load = ProcessStats.ReapedChildrenCpuSeconds(Environment.ProcessId) + ProcessStats.CpuSeconds(proxy.Id);
        var started = Stopwatch.GetTimestamp();
        GeneratorCliLoad.GeneratorReport report;
        await using (var generator = StartScaleOutLoad(proxy, name, events, rate, seed))
            report = await GeneratorCliLoad.FinishReportAsync(generator, ScaleOutLoadTimeout);
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var measured = new MeasuredLoad(report, before, await counters.ReadAsync(), seconds,
            hosts.CpuSecondsEach().Sum() - host,
            ProcessStats.TreeCpuSeconds(postmaster) - postgres,
            ProcessStats.ReapedChildrenCpuSeconds(Environment.ProcessId) + ProcessStats.CpuSeconds(proxy.Id) - load);
        hosts.EnsureRunning();
        return measured;
    }

    /// <summary>
    /// What a client does at the end (the issue's closing burst): <paramref name="concurrency"/> concurrent
    /// <c>GET /domains/{domain}</c> through the balancer, over up to 200 of the domains written.
    /// </summary>
    private static async Task<HttpStatusTally> GetBurstAsync(Uri balancer, string connectionString, int concurrency)
    {
        var domains = new List<string>();
        // Unpooled, so the runner's own connection is gone before the burst and is not counted as the nodes' backend.
        await using (var connection = new NpgsqlConnection(connectionString + ";Pooling=false"))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"SELECT domain FROM domain_counts ORDER BY domain LIMIT {GetBurstDomains}", connection);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
                domains.Add(reader.GetString(0));
        }

        using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency }) { BaseAddress = balancer, Timeout = TimeSpan.FromSeconds(30) };
        var next = -1;
        var tallies = await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            var tally = HttpStatusTally.None;
            int i;
            while ((i = Interlocked.Increment(ref next)) < domains.Count)
            {
                try
                {
                    using var response = await client.GetAsync($"domains/{Uri.EscapeDataString(domains[i])}");
                    tally = tally.Plus(HttpStatusTally.Of((int)response.StatusCode));
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    tally = tally.Plus(HttpStatusTally.None with { TransportErrors = 1 });
                }
            }
            return tally;
        }));
        return tallies.Aggregate(HttpStatusTally.None, (sum, t) => sum.Plus(t));
    }

    private void ReportScaleOut(ScaleOutResults results, string postgresVersion, string haproxy, IReadOnlyDictionary<string, string> postgresSettings)
    {
        var c = CultureInfo.InvariantCulture;
        var sizes = _sizes.ScaleOut;
        var builds = results.Builds;
        var maxConnections = double.Parse(postgresSettings["max_connections"], c);
        var commitsChecked = sizes.Settle >= ScaleOutSizes.StatisticsDelay;
        var rows = new List<ScaleOutRow>
        {
            new("saturated events/s", r => r.Saturated.EventsPerSecond, Report.Rate, "3 nodes ≥ 0.9× 1 node", (_, _, ratio) => ratio >= 0.9, true),
            new(string.Create(c, $"paced events/s (asked {Report.Rate(sizes.PacedRate)})"), r => r.Paced.EventsPerSecond, Report.Rate,
                "both sustain it (≥ 95%)", (one, three, _) => one >= 0.95 * sizes.PacedRate && three >= 0.95 * sizes.PacedRate, true),
            new("PUT p50 ms, paced", r => r.Paced.P50Ms, Report.Ms, "—", null, false),
            new("PUT p99 ms, paced", r => r.Paced.P99Ms, Report.Ms, "3 nodes ≤ 2× 1 node", (_, _, ratio) => ratio <= 2, true),
            new("PUT p50 ms, saturated", r => r.Saturated.P50Ms, Report.Ms, "—", null, false),
            new("PUT p99 ms, saturated", r => r.Saturated.P99Ms, Report.Ms, "—", null, false),
            new("host CPU µs per event (all nodes), paced", r => r.Paced.HostMicrosecondsPerEvent, Micro, "3 nodes ≤ 1.5× 1 node", (_, _, ratio) => ratio <= 1.5, true),
            new("host CPU µs per event (all nodes), saturated", r => r.Saturated.HostMicrosecondsPerEvent, Micro, "3 nodes ≤ 1.5× 1 node", (_, _, ratio) => ratio <= 1.5, true),
            new("PostgreSQL CPU µs per event, paced", r => r.Paced.PostgresMicrosecondsPerEvent, Micro, "3 nodes ≤ 1.2× 1 node", (_, _, ratio) => ratio <= 1.2, true),
            new("PostgreSQL CPU µs per event, saturated", r => r.Saturated.PostgresMicrosecondsPerEvent, Micro, "3 nodes ≤ 1.2× 1 node", (_, _, ratio) => ratio <= 1.2, true),
            new("PostgreSQL commits per event (xact_commit), paced", r => r.Paced.CommitsPerEvent, PerEvent, "3 nodes ≤ 1.0× 1 node", (_, _, ratio) => ratio <= 1.0, commitsChecked),
            new("PostgreSQL commits per event (xact_commit), saturated", r => r.Saturated.CommitsPerEvent, PerEvent, "3 nodes ≤ 1.0× 1 node", (_, _, ratio) => ratio <= 1.0, commitsChecked),
            new("write transactions per event (transaction ids), paced", r => r.Paced.WriteTransactionsPerEvent, PerEvent, "—", null, true),
            new("write transactions per event (transaction ids), saturated", r => r.Saturated.WriteTransactionsPerEvent, PerEvent, "—", null, true),
            new("peak backends (pg_stat_activity)", r => r.PeakBackends, v => v.ToString("0", c),
                string.Create(c, $"< max_connections ({maxConnections:0})"), (one, three, _) => one < maxConnections && three < maxConnections, true),
            new(string.Create(c, $"idle CPU per node, cores ({sizes.Idle.TotalSeconds:0} s after the loads; the busiest node)"), r => r.IdleCoresMax, v => v.ToString("0.000", c),
                "≤ 0.01 core per node", (one, three, _) => one <= 0.01 && three <= 0.01, false),
        };

        var main = builds[^1];
        foreach (var row in rows)
        {
            var one = results.MedianOf(main, 1, row.Value);
            var three = results.MedianOf(main, 3, row.Value);
            var ratio = results.RatioOf(main, row.Value);
            _report.Figure($"s. scale-out {row.Quantity}: 3 cluster nodes vs 1 node",
                row.Format(three), row.Format(one) + " (1 node)", Times(ratio), row.Target, row.Met?.Invoke(one, three, ratio));
            if (row.Checked)
            {
                foreach (var build in builds)
                {
                    foreach (var nodes in ScaleOutVariants)
                        _report.Number($"s. {build.Label} {nodes} node(s): {row.Quantity}", results.MedianOf(build, nodes, row.Value));
                }
            }
        }
        var (statusesOne, statusesThree) = (results.StatusesOf(main, 1), results.StatusesOf(main, 3));
        _report.Figure("s. scale-out answers other than 2xx, all runs (503 / 504 / other 5xx / 4xx / transport errors): 3 cluster nodes vs 1 node",
            statusesThree.ToString(), statusesOne + " (1 node)", "", "no 5xx but 503/504",
            statusesThree.OtherServerErrors == 0 && statusesOne.OtherServerErrors == 0);
        if (builds.Count > 1)
        {
            var baseline = builds[0];
            var today = results.RatioOf(main, baseline, 1, r => r.Paced.CommitsPerEvent);
            _report.Figure("s. scale-out 1 node's PostgreSQL commits per event, paced: this build vs the baseline",
                PerEvent(results.MedianOf(main, 1, r => r.Paced.CommitsPerEvent)), PerEvent(results.MedianOf(baseline, 1, r => r.Paced.CommitsPerEvent)) + " (baseline)",
                Times(today), "≤ 0.5× the baseline's", today <= 0.5);
        }

        foreach (var build in builds)
        {
            foreach (var nodes in ScaleOutVariants)
            {
                foreach (var (phase, select) in new (string, Func<ScaleOutRun, ScaleOutPhase>)[] { ("paced", r => r.Paced), ("saturated", r => r.Saturated) })
                    _report.Cpu($"s. {build.Label}, {nodes} node(s), {phase} (load: generator + HAProxy; server: all nodes)", Median.Of(results.Of(build, nodes).Select(r => select(r).Cpu)));
            }
        }

        _report.Section(SideBySide(results, rows, postgresVersion, haproxy, postgresSettings));
        _report.Evidence(RunsTable(results.Runs));
    }

    /// <summary>The figure's own table: every build's 1 node, 3 nodes and ratio side by side, each against the target.</summary>
    private string SideBySide(ScaleOutResults results, IReadOnlyList<ScaleOutRow> rows, string postgresVersion, string haproxy, IReadOnlyDictionary<string, string> postgresSettings)
    {
        var c = CultureInfo.InvariantCulture;
        var sizes = _sizes.ScaleOut;
        var builds = results.Builds;
        static string Verdict(bool? met) => met switch { true => "yes", false => "**no**", null => "—" };
        var text = new StringBuilder();
        text.AppendLine(string.Create(c, $"**s. Scale-out**: PostgreSQL {postgresVersion} ({string.Join(", ", postgresSettings.Select(kv => $"{kv.Key}={kv.Value}"))}, the rest PostgreSQL's defaults); "
            + $"{haproxy} in front (round-robin, retries 0, no redispatch, health checks on /health/ready, keep-alive both sides); the generator CLI "
            + $"(--distribution {ScaleOutDistribution}, --concurrency {sizes.Concurrency}) through it: {sizes.WarmUpEvents:#,0} events of warm-up, then "
            + $"{sizes.PacedEvents:#,0} paced at {Report.Rate(sizes.PacedRate)}/s, then about {sizes.Phase.TotalSeconds:0} s saturated; {sizes.Settle.TotalSeconds:0} s without traffic after each load "
            + $"before xact_commit is read (the settle's commits at the idle rate are subtracted); medians of {_sizes.Repetitions}, variants alternated 1, 3 on fresh processes and databases."));
        text.AppendLine();
        foreach (var build in builds)
        {
            var args = string.Join(' ', [.. settings.HostArguments, .. build.Arguments]);
            text.AppendLine($"- {build.Label}: `{build.HostDll}`{(args.Length > 0 ? $" with `{args}`" : "")}");
        }
        if (settings.ScaleSingleNodeArguments.Count > 0)
            text.AppendLine($"- 1 node also: `{string.Join(' ', settings.ScaleSingleNodeArguments)}`");
        if (settings.ScaleClusterArguments.Count > 0)
            text.AppendLine($"- 3 nodes also: `{string.Join(' ', settings.ScaleClusterArguments)}`");
        text.AppendLine();
        text.Append("| quantity |");
        foreach (var build in builds)
            text.Append($" {build.Label}: 1 node | 3 nodes | 3/1 | met |");
        text.AppendLine(" target |");
        text.AppendLine("|---|" + string.Concat(builds.Select(_ => "---:|---:|---:|---|")) + "---|");
        foreach (var row in rows)
        {
            text.Append($"| {row.Quantity} |");
            foreach (var build in builds)
            {
                var one = results.MedianOf(build, 1, row.Value);
                var three = results.MedianOf(build, 3, row.Value);
                var ratio = results.RatioOf(build, row.Value);
                text.Append($" {row.Format(one)} | {row.Format(three)} | {Times(ratio)} | {Verdict(row.Met?.Invoke(one, three, ratio))} |");
            }
            text.AppendLine($" {row.Target} |");
        }
        text.Append("| answers other than 2xx (503 / 504 / other 5xx / 4xx / transport) |");
        foreach (var build in builds)
        {
            var (one, three) = (results.StatusesOf(build, 1), results.StatusesOf(build, 3));
            text.Append($" {one} | {three} | | {Verdict(one.OtherServerErrors == 0 && three.OtherServerErrors == 0)} |");
        }
        text.AppendLine(" no 5xx but 503/504 |");
        text.Append("| idle: PostgreSQL cores / commits per second |");
        foreach (var build in builds)
        {
            text.Append(string.Create(c, $" {results.MedianOf(build, 1, r => r.IdlePostgresCores):0.000} / {results.MedianOf(build, 1, r => r.IdleCommitsPerSecond):0.0}"));
            text.Append(string.Create(c, $" | {results.MedianOf(build, 3, r => r.IdlePostgresCores):0.000} / {results.MedianOf(build, 3, r => r.IdleCommitsPerSecond):0.0} | | |"));
        }
        text.AppendLine(" — |");
        if (builds.Count > 1)
        {
            var today = results.RatioOf(builds[^1], builds[0], 1, r => r.Paced.CommitsPerEvent);
            text.AppendLine();
            text.AppendLine($"1 node's commits per event at the paced rate, this build over the baseline: {Times(today)} (target ≤ 0.5×: {Verdict(today <= 0.5)}).");
        }
        if (sizes.Settle < ScaleOutSizes.StatisticsDelay)
        {
            text.AppendLine();
            text.AppendLine(string.Create(c, $"The settle ({sizes.Settle.TotalSeconds:0} s) is shorter than PostgreSQL's reporting delay (10 s): the commit counts are incomplete and not checked."));
        }
        return text.ToString();
    }

    private static string RunsTable(IReadOnlyList<ScaleOutRun> runs)
    {
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine("**s. scale-out, every run** (per event: paced / saturated; requests per node as HAProxy counted them):");
        text.AppendLine();
        text.AppendLine("| build | nodes | rep | warm-up events/s | paced events/s | saturated events/s | p99 ms | host µs | PostgreSQL µs | commits | write tx | idle cores per node | peak backends | 503/504/5xx/4xx/transport | requests per node |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---|---|");
        foreach (var r in runs)
        {
            text.AppendLine(string.Create(c,
                $"| {r.Build.Label} | {r.Nodes} | {r.Repetition + 1} | {Report.Rate(r.WarmUpEventsPerSecond)} | {Report.Rate(r.Paced.EventsPerSecond)} | {Report.Rate(r.Saturated.EventsPerSecond)} | "
                + $"{Report.Ms(r.Paced.P99Ms)} / {Report.Ms(r.Saturated.P99Ms)} | {r.Paced.HostMicrosecondsPerEvent:0} / {r.Saturated.HostMicrosecondsPerEvent:0} | "
                + $"{r.Paced.PostgresMicrosecondsPerEvent:0} / {r.Saturated.PostgresMicrosecondsPerEvent:0} | {r.Paced.CommitsPerEvent:0.000} / {r.Saturated.CommitsPerEvent:0.000} | "
                + $"{r.Paced.WriteTransactionsPerEvent:0.000} / {r.Saturated.WriteTransactionsPerEvent:0.000} | {string.Join(", ", r.IdleCoresPerNode.Select(i => i.ToString("0.000", c)))} | "
                + $"{r.PeakBackends} | {r.Statuses} | {string.Join(", ", r.Balance.Select(s => $"{s.Name} {s.Requests:#,0}"))} |"));
        }
        return text.ToString();
    }

    private static string Micro(double microseconds) => microseconds.ToString("0", CultureInfo.InvariantCulture);

    private static string PerEvent(double perEvent) => perEvent.ToString("0.000", CultureInfo.InvariantCulture);

    private static string Times(double ratio) => double.IsFinite(ratio) ? ratio.ToString("0.00", CultureInfo.InvariantCulture) + "×" : "—";

    /// <summary>One load's generator report, the transaction counters before and after it, and the CPU seconds spent meanwhile.</summary>
    private sealed record MeasuredLoad(
        GeneratorCliLoad.GeneratorReport Report, PostgresCounters.Snapshot Before, PostgresCounters.Snapshot After, double Seconds,
        double HostCpuSeconds, double PostgresCpuSeconds, double LoadCpuSeconds);

    /// <summary>A row of the scale-out figure: a per-run quantity, how it prints, and its target on (1 node, 3 nodes, 3/1).</summary>
    private sealed record ScaleOutRow(
        string Quantity, Func<ScaleOutRun, double> Value, Func<double, string> Format, string Target, Func<double, double, double, bool>? Met, bool Checked);
}
