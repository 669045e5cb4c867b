using Prometheus;

namespace Akka.Ingest.Pipeline.Metrics;

public static class MetricsEndpoints
{
    /// <summary>
    /// Times every request by route and status (<c>http_request_duration_seconds</c>, its labels bounded:
    /// <see cref="HttpRequestDurationMiddleware"/>) and serves the host's registry as Prometheus text at
    /// <c>/metrics</c>. Resolving the metrics here, before the host starts, subscribes them to the pipeline before
    /// its first batch.
    /// </summary>
    public static WebApplication UseIngestMetrics(this WebApplication app)
    {
        var metrics = app.Services.GetRequiredService<IngestMetrics>();
        var duration = HttpRequestDurationMiddleware.Create(Prometheus.Metrics.WithCustomRegistry(metrics.Registry));
        app.UseMiddleware<HttpRequestDurationMiddleware>(duration);
        app.MapMetrics("/metrics", metrics.Registry);
        return app;
    }
}
