using System.Globalization;
using System.Text.Json;

namespace Akka.Ingest.Bench;

/// <summary>
/// The project's own load tool (<c>Akka.Ingest.Generator.dll --json</c>), used where a paced load is needed
/// (<c>--rate</c>): ingesting at half the saturated rate while GET latency is measured; and, unpaced, the realistic
/// client (the Mailgun mix over a bounded number of keep-alive connections).
/// </summary>
public static class GeneratorCliLoad
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Starts the generator; without a rate it sends as fast as its <paramref name="concurrency"/> workers get answers.</summary>
    /// <param name="extra">More generator options, e.g. <c>--producer PREFIX</c>.</param>
    public static ChildProcess Start(Uri server, long events, int concurrency, double? rate, string distribution, string logDirectory,
        long seed = 5, string? name = null, IReadOnlyList<string>? extra = null) =>
        ChildProcess.Start(
            name ?? $"generator-{server.Port}-{concurrency}-{rate:0}", "dotnet",
            [Path.Combine(AppContext.BaseDirectory, "Akka.Ingest.Generator.dll"),
             "--url", server.ToString(), "--events", events.ToString(CultureInfo.InvariantCulture),
             "--concurrency", concurrency.ToString(CultureInfo.InvariantCulture),
             .. rate is { } r ? new[] { "--rate", r.ToString("0", CultureInfo.InvariantCulture) } : [],
             "--distribution", distribution, "--seed", seed.ToString(CultureInfo.InvariantCulture),
             "--json", "--no-progress", .. extra ?? []],
            logDirectory);

    /// <summary>Waits for the generator's JSON report (the CPU split is the caller's to measure).</summary>
    public static async Task<LoadResult> FinishAsync(ChildProcess generator, TimeSpan timeout)
    {
        var report = await FinishReportAsync(generator, timeout);
        return new LoadResult(report.EventsPerSecond, report.Latency.P50Ms, report.Latency.P95Ms, report.Latency.P99Ms,
            report.Latency.Requests, report.Failed + report.TransportErrors, new CpuSplit(0, 0, 0));
    }

    /// <summary>Waits for the generator's JSON report and returns all of it that the runner reads, statuses included.</summary>
    public static async Task<GeneratorReport> FinishReportAsync(ChildProcess generator, TimeSpan timeout)
    {
        var exit = await generator.WaitForExitAsync(timeout);
        var output = generator.Output;
        var start = output.IndexOf('{');
        if (start < 0)
            throw new InvalidOperationException($"The generator printed no report ({exit}):\n{generator.Tail()}");
        return JsonSerializer.Deserialize<GeneratorReport>(output[start..], Json)!;
    }

    /// <summary>The part of the generator's <c>--json</c> report the runner reads; <see cref="Responses"/>: requests by HTTP status, retries included.</summary>
    public sealed record GeneratorReport(
        double EventsPerSecond, long Acknowledged, long Failed, long TransportErrors, double ElapsedSeconds,
        GeneratorLatency Latency, Dictionary<int, long>? Responses);

    public sealed record GeneratorLatency(long Requests, double P50Ms, double P95Ms, double P99Ms);
}
