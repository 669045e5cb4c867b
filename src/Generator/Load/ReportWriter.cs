using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Akka.Ingest.Generator.Load;

/// <summary>Prints a <see cref="LoadReport"/>: aligned <c>name value</c> lines for people, or JSON for scripts.</summary>
public static class ReportWriter
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static void WriteJson(TextWriter output, LoadReport report) =>
        output.WriteLine(JsonSerializer.Serialize(report, Json));

    public static void WriteText(TextWriter output, LoadReport report)
    {
        var c = CultureInfo.InvariantCulture;
        var rate = report.Rate is { } r ? string.Create(c, $", rate {r:0.##}/s") : string.Empty;
        Line(output, "target", string.Create(c,
            $"{report.Url} ({report.Distribution}, seed {report.Seed}, {report.Concurrency} workers{rate})"));
        var sent = report.DurationSeconds is { } duration ? string.Create(c, $"sent in --duration {duration:0.###} s") : "planned";
        Line(output, "events", string.Create(c,
            $"{report.Events} {sent}: {report.Acknowledged} acknowledged, {report.Failed} failed{(report.Interrupted ? ", INTERRUPTED" : string.Empty)}"));
        Line(output, "elapsed", string.Create(c, $"{report.ElapsedSeconds:0.000} s"));
        Line(output, "events/s", string.Create(c, $"{report.EventsPerSecond:0}"));
        Line(output, "requests/s", report.Rate is { } requested
            ? string.Create(c, $"{report.AchievedRate:0} achieved of {requested:0.##} requested")
            : string.Create(c, $"{report.AchievedRate:0}"));
        Line(output, "success ratio", string.Create(c, $"{report.SuccessRatio:0.#####}"));
        Line(output, report.Rate is null ? "latency ms" : "sched latency ms", Latency(report.Latency));
        if (report.Rate is not null && report.ServiceTime is { } service)
            Line(output, "service time ms", Latency(service));
        Line(output, "responses", report.Responses.Count == 0
            ? "none"
            : string.Join("  ", report.Responses.Select(pair => string.Create(c, $"{pair.Key}: {pair.Value}"))));
        Line(output, "503 retries", report.Retries.ToString(c));
        if (report.Producer is { } producer)
        {
            Line(output, "producer", $"{producer}-0 .. {producer}-{report.Concurrency - 1} (Producer-Id), one sequence per event");
            Line(output, "resends", string.Create(c, $"{report.Resends} (same sequence, after a transport error, 502, 503 or 504)"));
            Line(output, "duplicates", string.Create(c, $"{report.Duplicates} (resends an earlier attempt had counted, answered as its success)"));
        }
        Line(output, "transport errors", report.TransportErrorsByKind is { Count: > 0 } kinds
            ? string.Create(c, $"{report.TransportErrors} ({string.Join(", ", kinds.Select(k => $"{k.Key}: {k.Value}"))})")
            : report.TransportErrors.ToString(c));
        foreach (var check in report.Checks ?? [])
            Line(output, "check", string.Create(c, $"{check.Check}: {check.Measured:0.###} {(check.Passed ? "ok" : "FAILED")}"));

        if (report.Verification is not { } verification)
            return;
        Line(output, "verify", verification.Passed
            ? string.Create(c, $"passed: {verification.Checked} domains match")
            : string.Create(c, $"FAILED: {verification.Mismatches} of {verification.Checked} domains differ"));
        foreach (var mismatch in verification.Examples)
            output.WriteLine($"  {mismatch.Domain}: expected {mismatch.Expected}; got {mismatch.Actual}");
        if (verification.Mismatches > verification.Examples.Count)
            output.WriteLine(string.Create(c, $"  ... and {verification.Mismatches - verification.Examples.Count} more"));
        if (!verification.Passed)
            output.WriteLine("  (counts are absolute: verify against a store that had none of these domains, e.g. a fresh seed or database)");
    }

    private static string Latency(LatencySummary latency) => string.Create(CultureInfo.InvariantCulture,
        $"min {latency.MinMs:0.###}  mean {latency.MeanMs:0.###}  p50 {latency.P50Ms:0.###}  p90 {latency.P90Ms:0.###}  p99 {latency.P99Ms:0.###}  p99.9 {latency.P999Ms:0.###}  max {latency.MaxMs:0.###}  ({latency.Requests} requests)");

    private static void Line(TextWriter output, string name, string value) => output.WriteLine($"{name,-17}{value}");
}
