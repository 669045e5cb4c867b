using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Akka.Ingest.Bench;

/// <summary>
/// <c>wrk</c> (Debian's package) with a Lua script that PUTs events for random domains of a uniform set and prints
/// its summary as one JSON line: the same load against the host and against bare Kestrel. wrk is C and cheap, so on
/// two shared cores it leaves most of the CPU to the server under test.
/// </summary>
public static partial class WrkLoad
{
    private const string Script = """
        local domains = tonumber(os.getenv("BENCH_DOMAINS") or "100000")
        local threads = 0
        function setup(thread)
          threads = threads + 1
          thread:set("id", threads)
        end
        function init(args)
          math.randomseed(id * 7919)
        end
        function request()
          local kind = "delivered"
          if math.random(100) <= 35 then kind = "bounced" end
          return wrk.format("PUT", string.format("/events/d%08d.uniform.test/%s", math.random(0, domains - 1), kind))
        end
        function done(summary, latency, requests)
          local e = summary.errors
          io.write(string.format('WRK_JSON {"requests":%d,"durationUs":%d,"status":%d,"connect":%d,"read":%d,"write":%d,"timeout":%d,"p50Us":%d,"p95Us":%d,"p99Us":%d}\n',
            summary.requests, summary.duration, e.status, e.connect, e.read, e.write, e.timeout,
            latency:percentile(50), latency:percentile(95), latency:percentile(99)))
        end
        """;

    public static async Task<LoadResult> PutAsync(
        Uri server, int connections, TimeSpan duration, int domains, int serverPid, int postgresPid, string logDirectory)
    {
        var script = Path.Combine(logDirectory, "put.lua");
        if (!File.Exists(script))
            await File.WriteAllTextAsync(script, Script);

        var meter = CpuSplit.Start(LoadToolKind.ChildProcess, serverPid, postgresPid);
        await using var wrk = ChildProcess.Start(
            $"wrk-{server.Port}-{connections}", "wrk",
            ["-t", "2", "-c", connections.ToString(CultureInfo.InvariantCulture), "-d", $"{duration.TotalSeconds:0}s", "--timeout", "10s",
             "-s", script, server.ToString()],
            logDirectory,
            new Dictionary<string, string> { ["BENCH_DOMAINS"] = domains.ToString(CultureInfo.InvariantCulture) });
        var exit = await wrk.WaitForExitAsync(duration + TimeSpan.FromSeconds(60));
        var cpu = meter.Stop();
        if (exit != 0 || SummaryLine().Match(wrk.Output) is not { Success: true } match)
            throw new InvalidOperationException($"wrk failed ({exit}):\n{wrk.Tail()}");

        var summary = JsonSerializer.Deserialize<WrkSummary>(match.Groups["json"].Value, new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
        var failures = summary.Status + summary.Connect + summary.Read + summary.Write + summary.Timeout;
        var acknowledged = summary.Requests - summary.Status;
        return new LoadResult(
            acknowledged / (summary.DurationUs / 1e6),
            summary.P50Us / 1000.0, summary.P95Us / 1000.0, summary.P99Us / 1000.0,
            summary.Requests, failures, cpu);
    }

    private sealed record WrkSummary(long Requests, long DurationUs, long Status, long Connect, long Read, long Write, long Timeout, long P50Us, long P95Us, long P99Us);

    [GeneratedRegex(@"WRK_JSON (?<json>\{.*\})")]
    private static partial Regex SummaryLine();
}
