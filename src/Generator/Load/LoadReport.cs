using Akka.Ingest.Generator.Verification;

namespace Akka.Ingest.Generator.Load;

/// <summary>Everything a run reports, printed as text lines or as one JSON document (<c>--json</c>).</summary>
/// <param name="EventsPerSecond">Acknowledged events divided by <see cref="ElapsedSeconds"/>.</param>
/// <param name="Responses">Requests by HTTP status code, retries included.</param>
/// <param name="Retries">Events sent again after a 503 (each retry once).</param>
/// <param name="Latency">From each request's scheduled send: with <c>--rate</c>, a stall shows in every send it held back.</param>
/// <param name="ServiceTime">From each request's actual send (what a closed-loop tool would report).</param>
/// <param name="AchievedRate">Requests answered or failed per second, retries included; compare with <see cref="Rate"/>.</param>
/// <param name="SuccessRatio">Acknowledged events over finished events (1 when none finished).</param>
/// <param name="Events">The events planned (<c>--events</c>); with <c>--duration</c>, those sent before it ran out.</param>
/// <param name="DurationSeconds">The <c>--duration</c> asked for; absent without it.</param>
/// <param name="Producer">The <c>--producer</c> prefix; absent without it, and so are <paramref name="Resends"/> and <paramref name="Duplicates"/>.</param>
/// <param name="Resends">Events sent again with their sequence after a transport error, 502, 503 or 504.</param>
/// <param name="Duplicates">Acknowledgements of a resend whose earlier attempt had been counted (the host's <c>Producer-Duplicate</c>).</param>
public sealed record LoadReport(
    string Url,
    string Distribution,
    long Seed,
    long Events,
    int Concurrency,
    double? Rate,
    long Acknowledged,
    long Failed,
    double ElapsedSeconds,
    double EventsPerSecond,
    LatencySummary Latency,
    IReadOnlyDictionary<int, long> Responses,
    long TransportErrors,
    long Retries,
    bool Interrupted,
    VerificationResult? Verification,
    LatencySummary? ServiceTime = null,
    double AchievedRate = 0,
    double SuccessRatio = 1,
    IReadOnlyDictionary<string, long>? TransportErrorsByKind = null,
    IReadOnlyList<LoadCheckResult>? Checks = null,
    IReadOnlyList<LoadSecond>? Timeline = null,
    double? DurationSeconds = null,
    string? Producer = null,
    long? Resends = null,
    long? Duplicates = null)
{
    /// <summary>
    /// 0 when every event was acknowledged, every <c>--check</c> held and, with <c>--verify</c>, every domain
    /// matched; else 1.
    /// </summary>
    public int ExitCode => Interrupted || Failed > 0 || Acknowledged < Events || Verification is { Passed: false }
        || (Checks ?? []).Any(c => !c.Passed)
        ? ExitCodes.Failed
        : ExitCodes.Success;

    public static LoadReport From(LoadPlan plan, LoadStatistics statistics, LoadOutcome outcome, VerificationResult? verification, long? sent = null)
    {
        var elapsed = outcome.Elapsed.TotalSeconds;
        var finished = statistics.Finished;
        var requests = statistics.Responses().Values.Sum() + statistics.TransportErrors;
        var report = new LoadReport(
            string.Join(",", plan.Urls),
            plan.Distribution.ToString(),
            plan.Seed,
            plan.Duration is null ? plan.Events : sent ?? finished,
            plan.Concurrency,
            plan.Rate,
            statistics.Acknowledged,
            statistics.Failed,
            elapsed,
            elapsed > 0 ? statistics.Acknowledged / elapsed : 0,
            outcome.Latency,
            statistics.Responses(),
            statistics.TransportErrors,
            statistics.Retries,
            outcome.Interrupted,
            verification,
            outcome.ServiceTime,
            elapsed > 0 ? requests / elapsed : 0,
            finished > 0 ? statistics.Acknowledged / (double)finished : 1,
            statistics.TransportErrorsByKind(),
            null,
            outcome.Timeline,
            plan.Duration?.TotalSeconds,
            plan.Producer,
            plan.Producer is null ? null : statistics.Resends,
            plan.Producer is null ? null : statistics.Duplicates);
        return report with
        {
            Checks = (plan.Checks ?? []).Select(check =>
            {
                var measured = check.Measure(report);
                return new LoadCheckResult(check.Text, measured, check.Holds(measured));
            }).ToList(),
        };
    }
}
