using Akka.Ingest.Pipeline.Ingestion;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Akka.Ingest.Pipeline.Health;

/// <summary>Ready only while the ingest stream runs (started, not drained or failed).</summary>
public sealed class PipelineHealthCheck(IngestPipeline pipeline) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(pipeline.IsRunning
            ? HealthCheckResult.Healthy($"ingest stream running ({pipeline.Partitions.Count} partitions)")
            : HealthCheckResult.Unhealthy("the ingest stream is not running"));
}
