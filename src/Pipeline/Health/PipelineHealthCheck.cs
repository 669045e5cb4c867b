using Akka.Ingest.Pipeline.Ingestion;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Akka.Ingest.Pipeline.Health;

/// <summary>Ready only while the ingest stream runs (started, not drained or failed).</summary>
public sealed class PipelineHealthCheck(IngestStream stream, IngestCounters counters) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(stream.IsRunning
            ? HealthCheckResult.Healthy($"ingest stream running ({counters.Partitions.Count} partitions)")
            : HealthCheckResult.Unhealthy("the ingest stream is not running"));
}
