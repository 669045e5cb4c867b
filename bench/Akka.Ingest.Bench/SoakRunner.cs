using System.Diagnostics;
using System.Globalization;
using System.Text;
using Akka.Ingest.Testing;
using Npgsql;

namespace Akka.Ingest.Bench;

/// <summary>
/// The soak (run by hand, never in CI): a throwaway tuned PostgreSQL and the Release host, first a short
/// saturation probe to find the sustainable rate, then the generator paced at a share of it for the given
/// minutes, sampling every 10 s the host's RSS and GC heap, the p99 of the acknowledged PUTs in that
/// interval, the committed rate and the database connections. Writes a Markdown table to bench/results/soak.md.
/// </summary>
public static class SoakRunner
{
    public const string Verb = "soak";
    private static readonly TimeSpan SampleEvery = TimeSpan.FromSeconds(10);

    public static async Task<int> RunAsync(string[] args)
    {
        var minutes = Option(args, "--minutes", 30.0);
        var share = Option(args, "--share", 0.7);
        var distribution = args.SkipWhile(a => a != "--distribution").Skip(1).FirstOrDefault() ?? "zipf:1000000";
        var settings = BenchSettings.Parse([]);

        await using var postgres = await PostgresServer.StartAsync(BenchRunner.TunedPostgres);
        var connectionString = await postgres.CreateDatabaseAsync("soak");
        var database = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        await using var host = await ServerProcess.StartHostAsync("soak-host", connectionString, [], settings);
        using var http = new HttpClient { BaseAddress = host.Address };

        Console.WriteLine($"Probing the sustainable rate for 20 s ({distribution}, 256 connections)...");
        var probe = GeneratorCliLoad.Start(host.Address, 2_000_000, 256, rate: 1_000_000, distribution, settings.LogDirectory);
        await Task.Delay(TimeSpan.FromSeconds(20));
        await probe.StopAsync(TimeSpan.FromSeconds(5));
        var committedAfterProbe = Metric(await ScrapeAsync(http), "ingest_events_committed_total");
        var sustainable = committedAfterProbe / 20.0;
        var rate = Math.Round(sustainable * share);
        Console.WriteLine($"Sustainable ≈ {sustainable:N0} events/s; soaking at {rate:N0} events/s ({share:P0}) for {minutes} min, sampling every {SampleEvery.TotalSeconds:0} s.");

        var load = GeneratorCliLoad.Start(host.Address, (long)(rate * minutes * 60), 256, rate, distribution, settings.LogDirectory);
        var rows = new List<string>();
        var previous = await ScrapeAsync(http);
        var started = Stopwatch.GetTimestamp();
        while (!load.HasExited)
        {
            await Task.WhenAny(load.Exited, Task.Delay(SampleEvery));
            var now = await ScrapeAsync(http);
            var elapsed = Stopwatch.GetElapsedTime(started);
            var row = string.Join(" | ", new[]
            {
                $"{elapsed.TotalMinutes:0.0}",
                $"{ProcessStats.StatusBytes(host.Id, "VmRSS") / 1024.0 / 1024:0}",
                $"{Metric(now, "dotnet_total_memory_bytes") / 1024 / 1024:0}",
                $"{IntervalP99Ms(previous, now):0.#}",
                $"{(Metric(now, "ingest_events_committed_total") - Metric(previous, "ingest_events_committed_total")) / SampleEvery.TotalSeconds:N0}",
                $"{Metric(now, "ingest_events_rejected_total") - Metric(previous, "ingest_events_rejected_total"):0}",
                $"{await ConnectionsAsync(postgres.AdminConnectionString, database)}",
            });
            rows.Add($"| {row} |");
            Console.WriteLine(row);
            previous = now;
        }

        var report = new StringBuilder()
            .AppendLine($"Soak: {minutes} min at {rate:N0} events/s ({share:P0} of the {sustainable:N0} events/s found by a 20 s probe), {distribution}, 256 connections, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC")
            .AppendLine()
            .AppendLine("| minute | host RSS MiB | GC heap MiB | PUT p99 ms (10 s, bucket bound) | committed/s | refused in 10 s | DB connections |")
            .AppendLine("|---:|---:|---:|---:|---:|---:|---:|");
        rows.ForEach(r => report.AppendLine(r));
        report.AppendLine().AppendLine($"generator: {load.Output[Math.Max(0, load.Output.IndexOf('{'))..].Trim()}");
        var output = Path.Combine(BenchSettings.RepositoryRoot(), "bench", "results", "soak.md");
        Directory.CreateDirectory(Path.GetDirectoryName(output)!);
        await File.WriteAllTextAsync(output, report.ToString());
        Console.WriteLine(report);
        return 0;
    }

    private static double Option(string[] args, string name, double fallback) =>
        args.SkipWhile(a => a != name).Skip(1).FirstOrDefault() is { } value ? double.Parse(value, CultureInfo.InvariantCulture) : fallback;

    private static async Task<IReadOnlyList<(string Name, string Labels, double Value)>> ScrapeAsync(HttpClient http)
    {
        var text = await http.GetStringAsync("/metrics");
        var samples = new List<(string, string, double)>();
        foreach (var line in text.Split('\n'))
        {
            if (line.Length == 0 || line.StartsWith('#'))
                continue;
            var space = line.LastIndexOf(' ');
            var key = line[..space];
            var brace = key.IndexOf('{');
            samples.Add((brace < 0 ? key : key[..brace], brace < 0 ? "" : key[brace..],
                double.Parse(line[(space + 1)..].Replace("+Inf", "Infinity"), CultureInfo.InvariantCulture)));
        }
        return samples;
    }

    private static double Metric(IReadOnlyList<(string Name, string Labels, double Value)> samples, string name) =>
        samples.Where(s => s.Name == name).Sum(s => s.Value);

    /// <summary>The upper bound of the bucket holding the 99th percentile of the PUTs answered 204 between two scrapes.</summary>
    private static double IntervalP99Ms(
        IReadOnlyList<(string Name, string Labels, double Value)> before, IReadOnlyList<(string Name, string Labels, double Value)> after)
    {
        static IEnumerable<(double Le, double Count)> Buckets(IReadOnlyList<(string Name, string Labels, double Value)> samples) =>
            samples.Where(s => s.Name == "http_request_duration_seconds_bucket" && s.Labels.Contains("code=\"204\"") && s.Labels.Contains("/events/"))
                .GroupBy(s => Le(s.Labels))
                .Select(g => (g.Key, g.Sum(s => s.Value)));

        var earlier = Buckets(before).ToDictionary(b => b.Le, b => b.Count);
        var deltas = Buckets(after).Select(b => (b.Le, Count: b.Count - earlier.GetValueOrDefault(b.Le))).OrderBy(b => b.Le).ToArray();
        var total = deltas.LastOrDefault().Count;
        if (total <= 0)
            return 0;
        return deltas.First(b => b.Count >= 0.99 * total).Le * 1000;
    }

    private static double Le(string labels)
    {
        var start = labels.IndexOf("le=\"", StringComparison.Ordinal) + 4;
        var value = labels[start..labels.IndexOf('"', start)];
        return value == "+Inf" ? double.PositiveInfinity : double.Parse(value, CultureInfo.InvariantCulture);
    }

    private static async Task<long> ConnectionsAsync(string adminConnectionString, string database)
    {
        await using var connection = new NpgsqlConnection(adminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE datname = $1", connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = database });
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
