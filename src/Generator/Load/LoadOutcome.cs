namespace Akka.Ingest.Generator.Load;

/// <summary>
/// How the sending went: wall time from the first send to the last answer; latency from each request's scheduled
/// send (corrected for coordinated omission when paced) and from its actual send (service time); per second.
/// </summary>
public sealed record LoadOutcome(
    TimeSpan Elapsed,
    LatencySummary Latency,
    bool Interrupted,
    LatencySummary? ServiceTime = null,
    IReadOnlyList<LoadSecond>? Timeline = null);
