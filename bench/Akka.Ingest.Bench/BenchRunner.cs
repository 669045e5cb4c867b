using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.RegularExpressions;
using Akka.Ingest.Testing;
using Npgsql;

namespace Akka.Ingest.Bench;

/// <summary>
/// One benchmark run: a throwaway PostgreSQL with the tuned settings, then each figure measured beside its baseline
/// in the same run (the machine is shared and noisy: ratios and percentiles, medians of the repetitions), then one
/// Markdown report, printed and written to a file.
/// </summary>
public sealed partial class BenchRunner(BenchSettings settings)
{
    /// <summary>The server settings the compose file ships (docker/compose.yaml), plus statement statistics.</summary>
    public static readonly IReadOnlyDictionary<string, string> TunedPostgres = new Dictionary<string, string>
    {
        ["shared_buffers"] = "1GB",
        ["max_wal_size"] = "8GB",
        ["checkpoint_timeout"] = "15min",
        ["fsync"] = "on",
        ["synchronous_commit"] = "on",
        ["max_connections"] = "300",
        ["shared_preload_libraries"] = "'pg_stat_statements'",
        ["track_wal_io_timing"] = "on",
        ["pg_stat_statements.track_planning"] = "on",
    };

    private static readonly TimeSpan GenerationTimeout = TimeSpan.FromMinutes(10);

    private readonly BenchSizes _sizes = settings.Sizes;
    private readonly Report _report = new();
    private PostgresServer _postgres = null!;
    private PostgresEvidence _evidence = null!;
    private int _postmasterPid;
    private string _postgresVersion = "";
    private int _database;

    public async Task<int> RunAsync()
    {
        var optimized = typeof(Pipeline.Ingestion.IngestAdmission).Assembly.GetCustomAttribute<DebuggableAttribute>()?.IsJITOptimizerDisabled != true;
        if (!optimized && !settings.Smoke)
        {
            Console.Error.WriteLine("The host beside this runner is a Debug build: run it with -c Release (bench/run.sh does).");
            return 2;
        }
        if (FindOnPath("wrk") is null)
        {
            Console.Error.WriteLine("wrk is not installed: apt-get install -y wrk (bench/run.sh installs it).");
            return 2;
        }
        if (settings.Figures.Contains('s') && FindOnPath("haproxy") is null)
        {
            Console.Error.WriteLine("HAProxy is not installed: apt-get install -y haproxy (bench/run.sh installs it).");
            return 2;
        }

        Console.WriteLine($"Akka.Ingest benchmark ({(settings.Smoke ? "smoke: tiny sizes, nothing timed" : "full")}); logs in {settings.LogDirectory}");
        var started = Stopwatch.GetTimestamp();
        var postgresSettings = TunedPostgres.Concat(settings.PostgresOverrides).GroupBy(kv => kv.Key).ToDictionary(g => g.Key, g => g.Last().Value);
        // Figure s starts a PostgreSQL of its own (default settings); the tuned one only runs for the others.
        if (settings.Figures.Overlaps(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'p']))
            await TunedFiguresAsync(postgresSettings);
        if (settings.Figures.Contains('s'))
            await ScaleOutFigureAsync();

        var markdown = _report.ToMarkdown(Header(Stopwatch.GetElapsedTime(started)));
        Directory.CreateDirectory(Path.GetDirectoryName(settings.Output)!);
        await File.WriteAllTextAsync(settings.Output, markdown);
        Console.WriteLine();
        Console.WriteLine(markdown);
        Console.WriteLine($"Report written to {settings.Output}");

        var missing = _report.MissingNumbers().ToArray();
        if (missing.Length > 0)
        {
            Console.Error.WriteLine($"Some measurements produced no number:\n  {string.Join("\n  ", missing)}");
            return 1;
        }
        return 0;
    }

    /// <summary>Every figure but s, on one throwaway PostgreSQL with the tuned settings.</summary>
    private async Task TunedFiguresAsync(IReadOnlyDictionary<string, string> postgresSettings)
    {
        await using (_postgres = await PostgresServer.StartAsync(postgresSettings))
        {
            _evidence = new PostgresEvidence(_postgres.AdminConnectionString);
            await _evidence.InitializeAsync();
            (_postmasterPid, _postgresVersion) = await PostmasterAsync(_postgres.AdminConnectionString);
            if (settings.Figures.Overlaps(['a', 'b', 'd', 'g', 'h', 'p']))
                await HttpFiguresAsync();
            if (settings.Figures.Contains('c'))
            {
                if (_sizes.MailgunEvents > 0)
                    await InProcessFigureAsync("mailgun", _sizes.MailgunEvents, target: eventsPerSecond => (eventsPerSecond >= 1_000_000, "≥ 1,000,000 events/s"));
                if (_sizes.UniformEvents > 0)
                    await InProcessFigureAsync(_sizes.UniformDistribution, _sizes.UniformEvents, target: null);
            }
            if (settings.Figures.Contains('f'))
                await StatusFeedFigureAsync();
            if (settings.Figures.Contains('e'))
                await PeakRssFigureAsync();
        }
    }

    /// <summary>Figures a, d, g, h, p and b share one host (and one bare Kestrel), started once.</summary>
    private async Task HttpFiguresAsync()
    {
        await using var host = await ServerProcess.StartHostAsync("host-http", await NewDatabaseAsync(), [], settings);
        await using var bare = await ServerProcess.StartBareKestrelAsync(settings);
        Console.WriteLine($"host {host.Address} (pid {host.Id}), bare Kestrel {bare.Address} (pid {bare.Id})");

        double saturated = 0;
        if (settings.Figures.Contains('a') || settings.Figures.Contains('d'))
            saturated = await PutFigureAsync(host, bare);
        if (settings.Figures.Contains('d'))
            await GetWhileIngestingFigureAsync(host, saturated);
        if (settings.Figures.Contains('g'))
            await RealisticClientFigureAsync(host, bare);
        if (settings.Figures.Contains('p'))
            await ProducerSessionsFigureAsync(host);
        if (settings.Figures.Contains('h'))
            await NaiveBaselineFigureAsync(host);
        if (settings.Figures.Contains('b'))
            await BulkFigureAsync(host, bare);
    }

    /// <summary>a. PUT → 204 after commit, against bare Kestrel answering 204, both driven by wrk. Returns the host's rate at 256 connections.</summary>
    private async Task<double> PutFigureAsync(ServerProcess host, ServerProcess bare)
    {
        await _evidence.BeginAsync();
        // Tiered compilation keeps recompiling hot code for tens of seconds (dotnet-counters showed ~0.1 s of JIT per
        // second well into the run), and the host has far more code than bare Kestrel: warm both up before each step.
        var warmUp = TimeSpan.FromSeconds(settings.Smoke ? 1 : 10);
        double saturated = 0;
        foreach (var connections in _sizes.PutConnections)
        {
            foreach (var server in new[] { bare, host })
                await WrkLoad.PutAsync(server.Address, connections, warmUp, _sizes.PutDomains, server.Id, _postmasterPid, settings.LogDirectory);
            warmUp = TimeSpan.FromSeconds(settings.Smoke ? 1 : 3);

            var hostRuns = new List<LoadResult>();
            var bareRuns = new List<LoadResult>();
            for (var rep = 0; rep < _sizes.Repetitions; rep++)
            {
                // Alternate who goes first, so a drift in the machine's load does not favour one side.
                foreach (var server in rep % 2 == 0 ? new[] { bare, host } : [host, bare])
                {
                    var result = await WrkLoad.PutAsync(server.Address, connections, _sizes.LoadDuration, _sizes.PutDomains, server.Id, _postmasterPid, settings.LogDirectory);
                    (server == host ? hostRuns : bareRuns).Add(result);
                    Progress($"a. PUT {connections} conns rep {rep + 1} {(server == host ? "host" : "bare")}", result);
                }
            }

            var ingest = Median.Of(hostRuns);
            var baseline = Median.Of(bareRuns);
            var ratio = Median.Of(hostRuns.Zip(bareRuns, (h, b) => h.EventsPerSecond / b.EventsPerSecond));
            var counts = connections >= 256;
            _report.Figure($"a. PUT events/s, {connections} connections (wrk)",
                Report.Rate(_report.Number($"a. host events/s {connections}", ingest.EventsPerSecond)),
                Report.Rate(_report.Number($"a. bare events/s {connections}", baseline.EventsPerSecond)),
                Report.Percent(ratio), counts ? "≥ 60% of bare" : "—", counts ? ratio >= 0.6 : null);
            _report.Figure($"a. PUT latency p50 / p95 / p99 ms, {connections} connections",
                $"{Report.Ms(ingest.P50Ms)} / {Report.Ms(ingest.P95Ms)} / {Report.Ms(_report.Number($"a. host p99 {connections}", ingest.P99Ms))}",
                $"{Report.Ms(baseline.P50Ms)} / {Report.Ms(baseline.P95Ms)} / {Report.Ms(baseline.P99Ms)}",
                "", counts ? "p99 ≤ 50 ms" : "—", counts ? ingest.P99Ms <= 50 : null);
            CpuPerEventFigure($"a. PUT {connections} connections", hostRuns, bareRuns, "bare");
            if (ingest.Failures > 0)
                _report.Figure($"a. PUT non-2xx or errors, {connections} connections", ingest.Failures.ToString(CultureInfo.InvariantCulture),
                    baseline.Failures.ToString(CultureInfo.InvariantCulture), "", "0 expected (503 under overload)", null);
            _report.Cpu($"a. PUT {connections} conns: host", ingest.Cpu);
            _report.Cpu($"a. PUT {connections} conns: bare Kestrel", baseline.Cpu);
            if (connections == 256)
                saturated = ingest.EventsPerSecond;
        }
        _report.Evidence(await _evidence.DescribeAsync("a. HTTP PUT"));
        return saturated > 0 ? saturated : 1000;
    }

    /// <summary>d. GET latency at a modest rate while the generator CLI ingests at half the saturated PUT rate, beside GET on the idle host.</summary>
    private async Task GetWhileIngestingFigureAsync(ServerProcess host, double saturated)
    {
        var rate = Math.Max(100, saturated / 2);
        var idleRuns = new List<LoadResult>();
        var busyRuns = new List<LoadResult>();
        var ingestRuns = new List<LoadResult>();
        var lead = TimeSpan.FromSeconds(settings.Smoke ? 1 : 3);
        for (var rep = 0; rep < _sizes.Repetitions; rep++)
        {
            var idle = await GetProbe.RunAsync(host.Address, _sizes.GetRate, _sizes.LoadDuration, _sizes.PutDomains, host.Id, _postmasterPid);
            idleRuns.Add(idle);
            Progress($"d. GET idle rep {rep + 1}", idle);

            var events = (long)(rate * (lead + _sizes.LoadDuration + lead).TotalSeconds);
            var meter = CpuSplit.Start(LoadToolKind.ChildProcess, host.Id, _postmasterPid);
            await using var generator = GeneratorCliLoad.Start(host.Address, events, 256, rate, $"uniform:{_sizes.PutDomains}", settings.LogDirectory);
            await Task.Delay(lead);
            var busy = await GetProbe.RunAsync(host.Address, _sizes.GetRate, _sizes.LoadDuration, _sizes.PutDomains, host.Id, _postmasterPid);
            var ingest = await GeneratorCliLoad.FinishAsync(generator, TimeSpan.FromMinutes(5));
            ingest = ingest with { Cpu = meter.Stop() };
            busyRuns.Add(busy);
            ingestRuns.Add(ingest);
            Progress($"d. GET while ingesting rep {rep + 1}", busy);
            Progress($"d. ingest at {rate:0}/s rep {rep + 1}", ingest);
        }

        var whileIngesting = Median.Of(busyRuns);
        var idleHost = Median.Of(idleRuns);
        var ingested = Median.Of(ingestRuns);
        _report.Figure($"d. GET p50 / p99 ms while ingesting {Report.Rate(ingested.EventsPerSecond)} events/s (asked {Report.Rate(rate)}; {_sizes.GetRate} GET/s)",
            $"{Report.Ms(whileIngesting.P50Ms)} / {Report.Ms(_report.Number("d. GET p99 busy", whileIngesting.P99Ms))}",
            $"{Report.Ms(idleHost.P50Ms)} / {Report.Ms(_report.Number("d. GET p99 idle", idleHost.P99Ms))} idle",
            "", "p99 ≤ 5 ms", whileIngesting.P99Ms <= 5);
        _report.Number("d. ingest events/s", ingested.EventsPerSecond);
        CpuPerEventFigure("d. ingest while GET (generator CLI, uniform)", ingestRuns, null);
        _report.Cpu("d. GET while ingesting (load: generator CLI)", ingested.Cpu);
    }

    /// <summary>b. POST /events with Mailgun NDJSON bodies, against bare Kestrel reading the same bodies.</summary>
    private async Task BulkFigureAsync(ServerProcess host, ServerProcess bare)
    {
        var bodies = BulkLoad.MailgunBodies(_sizes.BulkBodies, _sizes.BulkEventsPerBody, seed: 7);
        byte[] BodyOf(long n) => bodies[n % bodies.Length];
        await _evidence.BeginAsync();
        // The bulk path is code no other figure runs (body reading, NDJSON parsing, splitting): with `--only b` a warm-up
        // of a few bodies left it in tier-0 code (three repetitions read 1.0M, 1.8M and 2.1M events/s), and so did
        // 6M events (1.4M, 3.1M, 2.7M). Tiered compilation needs time, not a count: warm each side up for 10 s.
        var warmUp = TimeSpan.FromSeconds(settings.Smoke ? 1 : 10);
        foreach (var server in new[] { bare, host })
        {
            var warming = Stopwatch.StartNew();
            while (warming.Elapsed < warmUp)
                await BulkLoad.RunAsync(server.Address, BodyOf, _sizes.BulkEventsPerBody, _sizes.BulkEventsPerRepetition, _sizes.BulkClients, server.Id, _postmasterPid);
        }

        var hostRuns = new List<LoadResult>();
        var bareRuns = new List<LoadResult>();
        for (var rep = 0; rep < _sizes.Repetitions; rep++)
        {
            foreach (var server in rep % 2 == 0 ? new[] { bare, host } : [host, bare])
            {
                var result = await BulkLoad.RunAsync(server.Address, BodyOf, _sizes.BulkEventsPerBody, _sizes.BulkEventsPerRepetition, _sizes.BulkClients, server.Id, _postmasterPid);
                (server == host ? hostRuns : bareRuns).Add(result);
                Progress($"b. bulk rep {rep + 1} {(server == host ? "host" : "bare")}", result);
            }
        }

        var ingest = Median.Of(hostRuns);
        var baseline = Median.Of(bareRuns);
        _report.Figure($"b. bulk POST /events events/s (Mailgun NDJSON, {_sizes.BulkEventsPerBody:#,0}/request, {_sizes.BulkClients} clients)",
            Report.Rate(_report.Number("b. host bulk events/s", ingest.EventsPerSecond)),
            Report.Rate(_report.Number("b. bare bulk events/s", baseline.EventsPerSecond)) + " (bare reads the body)",
            Report.Percent(Median.Of(hostRuns.Zip(bareRuns, (h, b) => h.EventsPerSecond / b.EventsPerSecond))),
            "≥ 500,000 events/s", ingest.EventsPerSecond >= 500_000);
        _report.Figure("b. bulk request latency p50 / p99 ms", $"{Report.Ms(ingest.P50Ms)} / {Report.Ms(ingest.P99Ms)}",
            $"{Report.Ms(baseline.P50Ms)} / {Report.Ms(baseline.P99Ms)}", "", "—", null);
        CpuPerEventFigure("b. bulk", hostRuns, bareRuns, "bare");
        if (ingest.Failures > 0)
            _report.Figure("b. bulk requests not acknowledged", ingest.Failures.ToString(CultureInfo.InvariantCulture), "", "", "0", false);
        _report.Cpu("b. bulk: host (load: this runner)", ingest.Cpu);
        _report.Cpu("b. bulk: bare Kestrel (load: this runner)", baseline.Cpu);
        _report.Evidence(await _evidence.DescribeAsync("b. bulk"));
    }

    /// <summary>
    /// c. The host's in-process generator (<c>--generate N</c>) into PostgreSQL, beside the raw upsert loop on the
    /// same events over as many connections; each repetition on fresh databases (first-time inserts, as in the host's).
    /// </summary>
    private async Task InProcessFigureAsync(string distribution, long events, Func<double, (bool Met, string Target)>? target)
    {
        await _evidence.BeginAsync();
        var hostRuns = new List<(double EventsPerSecond, CpuSplit Cpu)>();
        var rawRuns = new List<RawUpsertLoop.Result>();
        var relayLag = new List<StatusFeedProbe.Position>();
        for (var rep = 0; rep < _sizes.Repetitions; rep++)
        {
            var seed = 100 + rep;
            var database = await NewDatabaseAsync();
            await using (var host = StartGeneratingHost($"host-generate-{distribution.Replace(':', '-')}-{rep}", database, distribution, events, seed, []))
            {
                await host.WaitForLineAsync(GeneratingLine(), TimeSpan.FromSeconds(90));
                var meter = CpuSplit.Start(LoadToolKind.ThisProcess, host.Id, _postmasterPid);
                var done = await host.WaitForLineAsync(GeneratedLine(), GenerationTimeout);
                var cpu = meter.Stop() with { LoadTool = 0 };
                var rate = double.Parse(done.Groups["rate"].Value, CultureInfo.InvariantCulture);
                hostRuns.Add((rate, cpu));
                var lag = await StatusFeedProbe.ReadAsync(database);
                relayLag.Add(lag);
                Console.WriteLine($"  c. {distribution} rep {rep + 1} host: {rate:#,0} events/s (cpu {cpu}); status relay at the last commit: {StatusFeedProbe.Describe(lag)}");
                await host.StopAsync(TimeSpan.FromSeconds(30));
            }

            var raw = await RawUpsertLoop.RunAsync(await NewDatabaseAsync(), distribution, seed, events, settings.RawConnections, _postmasterPid);
            rawRuns.Add(raw);
            Console.WriteLine($"  c. {distribution} rep {rep + 1} raw loop: {raw.EventsPerSecond:#,0} events/s, {raw.RowsPerSecond:#,0} rows/s (cpu {raw.Cpu})");
        }

        var ingest = Median.Of(hostRuns.Select(r => r.EventsPerSecond));
        var baseline = Median.Of(rawRuns.Select(r => r.EventsPerSecond));
        var ratio = Median.Of(hostRuns.Zip(rawRuns, (h, r) => h.EventsPerSecond / r.EventsPerSecond));
        var (met, text) = target?.Invoke(ingest) ?? (ratio >= 0.9, "≥ 90% of the raw loop");
        _report.Figure($"c. in-process {distribution} → PostgreSQL events/s ({events:#,0} events; raw loop: 10k-event chunks, {settings.RawConnections} connections)",
            Report.Rate(_report.Number($"c. host {distribution}", ingest)),
            $"{Report.Rate(_report.Number($"c. raw {distribution}", baseline))} ({Report.Rate(Median.Of(rawRuns.Select(r => r.RowsPerSecond)))} rows/s)",
            Report.Percent(ratio), text, met);
        _report.Figure($"c. status relay lag at the end of in-process {distribution}: transitions still in the outbox / journaled",
            $"{Report.Rate(Median.Of(relayLag.Select(l => (double)l.Pending)))} / {Report.Rate(Median.Of(relayLag.Select(l => (double)l.Journaled)))}", "", "", "reported", null);
        _report.Cpu($"c. {distribution}: host", Median.Of(hostRuns.Select(r => r.Cpu)));
        _report.Cpu($"c. {distribution}: raw loop (load = this runner)", Median.Of(rawRuns.Select(r => r.Cpu)));
        _report.Evidence(await _evidence.DescribeAsync($"c. in-process {distribution} (host and raw loop)"));
    }

    /// <summary>e. The host's peak resident set (VmHWM) after N distinct domains passed through it (bulk, fresh host), beside its idle peak.</summary>
    private async Task PeakRssFigureAsync()
    {
        await _evidence.BeginAsync();
        var connectionString = await NewDatabaseAsync();
        await using var host = await ServerProcess.StartHostAsync("host-rss", connectionString, [], settings);
        await Task.Delay(TimeSpan.FromSeconds(2));
        var idle = ProcessStats.StatusBytes(host.Id, "VmHWM");

        const int perBody = 10_000;
        var domains = _sizes.DistinctDomainsForRss;
        var result = await BulkLoad.RunAsync(host.Address, n => BulkLoad.DistinctBody(n * perBody, (int)Math.Min(perBody, domains - n * perBody)),
            perBody, domains, 4, host.Id, _postmasterPid);
        var peak = ProcessStats.StatusBytes(host.Id, "VmHWM");
        var rows = await CountRowsAsync(connectionString);
        Progress("e. distinct domains", result);

        _report.Figure($"e. host peak RSS (VmHWM) after {domains:#,0} distinct domains (bulk, {Report.Rate(result.EventsPerSecond)} events/s; {rows:#,0} rows)",
            Report.MiB((long)_report.Number("e. peak RSS", peak)), Report.MiB((long)_report.Number("e. idle RSS", idle)) + " idle",
            "", "≤ 512 MiB", peak <= 512L << 20);
        _report.Cpu("e. distinct domains via bulk: host (load: this runner)", result.Cpu);
        _report.Evidence(await _evidence.DescribeAsync("e. 10M distinct domains via bulk"));
        if (rows != domains || result.Failures > 0)
            throw new InvalidOperationException($"Expected {domains} rows after the distinct-domain run, found {rows} ({result.Failures} failed requests).");
    }

    private async Task<string> NewDatabaseAsync() =>
        string.Join(';', [await _postgres.CreateDatabaseAsync($"bench{++_database}"), .. settings.ConnectionOptions]);

    private static async Task<long> CountRowsAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM domain_counts", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>The postmaster's pid (the parent of a backend) and the server's version.</summary>
    private static async Task<(int Pid, string Version)> PostmasterAsync(string adminConnectionString)
    {
        await using var connection = new NpgsqlConnection(adminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT pg_backend_pid(), current_setting('server_version')", connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        var backend = reader.GetInt32(0);
        var stat = await File.ReadAllTextAsync($"/proc/{backend}/stat");
        var parent = int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], CultureInfo.InvariantCulture);
        return (parent, reader.GetString(1));
    }

    private string Header(TimeSpan elapsed)
    {
        var c = CultureInfo.InvariantCulture;
        var memory = File.ReadLines("/proc/meminfo").First(l => l.StartsWith("MemTotal", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
        var cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown";
        var text = new StringBuilder();
        text.AppendLine(string.Create(c, $"## Akka.Ingest benchmark{(settings.Smoke ? " (smoke: tiny sizes, not a measurement)" : "")}"));
        text.AppendLine();
        text.AppendLine(string.Create(c, $"- when: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {elapsed.TotalMinutes:0.0} min"));
        text.AppendLine(string.Create(c, $"- machine: {Environment.ProcessorCount} cores ({cpu}), {long.Parse(memory, c) / 1048576.0:0.0} GiB memory, {RuntimeInformation.OSDescription}"));
        text.AppendLine(string.Create(c, $"- versions: {RuntimeInformation.FrameworkDescription}, PostgreSQL {_postgresVersion}, {WrkVersion()}"));
        if (settings.Figures.Overlaps(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h']))
            text.AppendLine($"- PostgreSQL settings: {string.Join(", ", TunedPostgres.Select(kv => $"{kv.Key}={kv.Value.Trim('\'')}"))}{(settings.Figures.Contains('s') ? " (figure s: its own server, PostgreSQL's defaults, see below)" : "")}");
        if (settings.ConnectionOptions.Count > 0)
            text.AppendLine($"- connection string options: {string.Join("; ", settings.ConnectionOptions)}");
        if (settings.PostgresOverrides.Count > 0)
            text.AppendLine($"- PostgreSQL overrides: {string.Join(", ", settings.PostgresOverrides.Select(kv => $"{kv.Key}={kv.Value}"))}");
        text.AppendLine(string.Create(c, $"- command: `{$"bench/run.sh {string.Join(' ', settings.CommandLine)}".TrimEnd()}`; median of {_sizes.Repetitions} repetition(s), {_sizes.LoadDuration.TotalSeconds:0} s per load run"));
        if (settings.HostArguments.Count > 0 || settings.HostEnvironment.Count > 0)
            text.AppendLine($"- host overrides: {string.Join(' ', settings.HostArguments)} {string.Join(' ', settings.HostEnvironment.Select(kv => $"{kv.Key}={kv.Value}"))}");
        text.AppendLine(string.Create(c, $"- host: Release build, {ServerProcess.HostPartitions} partitions, default settings otherwise; bare Kestrel: the same runtime (server GC), routes that do nothing"));
        return text.ToString();
    }

    private static string WrkVersion()
    {
        using var wrk = Process.Start(new ProcessStartInfo("wrk", "-v") { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var line = (wrk.StandardOutput.ReadToEnd() + wrk.StandardError.ReadToEnd()).Split('\n')[0];
        wrk.WaitForExit();
        return string.Join(' ', line.Split(' ').Take(2));
    }

    private static string? FindOnPath(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Select(dir => Path.Combine(dir, tool)).FirstOrDefault(File.Exists);

    private static void Progress(string what, LoadResult result) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {what}: {result.EventsPerSecond:#,0}/s, p50 {result.P50Ms:0.00} p95 {result.P95Ms:0.00} p99 {result.P99Ms:0.00} ms, {result.Failures} failed (cpu {result.Cpu})"));

    [GeneratedRegex(@"Generating \d+ events in-process")]
    private static partial Regex GeneratingLine();

    [GeneratedRegex(@"Generated \d+ events .* (?<rate>\d+) events/s, all committed")]
    private static partial Regex GeneratedLine();
}
