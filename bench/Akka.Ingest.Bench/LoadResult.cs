namespace Akka.Ingest.Bench;

/// <summary>One load run's figures: acknowledged events per second and request latency percentiles (ms).</summary>
public sealed record LoadResult(double EventsPerSecond, double P50Ms, double P95Ms, double P99Ms, long Requests, long Failures, CpuSplit Cpu);
