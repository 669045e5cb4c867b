using Akka.Ingest.Generator.Verification;

namespace Akka.Ingest.Generator.Load;

/// <summary>Everything a run reports, printed as text lines or as one JSON document (<c>--json</c>).</summary>
/// <param name="EventsPerSecond">Acknowledged events divided by <see cref="ElapsedSeconds"/>.</param>
/// <param name="Responses">Requests by HTTP status code, retries included.</param>
/// <param name="Retries">Events sent again after a 503 (each retry once).</param>
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
    VerificationResult? Verification)
{
    /// <summary>0 when every event was acknowledged and, with <c>--verify</c>, every domain matched; else 1.</summary>
    public int ExitCode => Interrupted || Failed > 0 || Acknowledged < Events || Verification is { Passed: false }
        ? ExitCodes.Failed
        : ExitCodes.Success;

    public static LoadReport From(LoadPlan plan, LoadStatistics statistics, LoadOutcome outcome, VerificationResult? verification)
    {
        var elapsed = outcome.Elapsed.TotalSeconds;
        return new LoadReport(
            plan.BaseUrl.ToString(),
            plan.Distribution.ToString(),
            plan.Seed,
            plan.Events,
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
            verification);
    }
}
