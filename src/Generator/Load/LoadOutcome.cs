namespace Akka.Ingest.Generator.Load;

/// <summary>How the sending went: wall time from the first send to the last answer, and request latencies.</summary>
public sealed record LoadOutcome(TimeSpan Elapsed, LatencySummary Latency, bool Interrupted);
