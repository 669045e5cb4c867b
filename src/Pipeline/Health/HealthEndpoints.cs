using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Akka.Ingest.Pipeline.Health;

/// <summary>
/// <c>/health/live</c>: 200 while the process serves requests (no checks). <c>/health/ready</c>: 200 while the
/// store answers and the stream runs, else 503 (one report a second at most, <see cref="ReadinessReports"/>); both
/// answer JSON naming each check's status.
/// </summary>
public static class HealthEndpoints
{
    public const string ReadyTag = "ready";

    /// <summary>The checks whose description is written for anyone to read; others (the journal's) may quote a raw error.</summary>
    private static readonly HashSet<string> PublicDescriptions = ["store", "pipeline"];

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static IServiceCollection AddIngestHealthChecks(this IServiceCollection services)
    {
        // A singleton, so it remembers an outage it already logged.
        services.AddSingleton<StoreHealthCheck>();
        services.AddSingleton<ReadinessReports>();
        services.AddHealthChecks()
            .AddCheck<StoreHealthCheck>("store", tags: [ReadyTag])
            .AddCheck<PipelineHealthCheck>("pipeline", tags: [ReadyTag]);
        return services;
    }

    public static IEndpointRouteBuilder MapIngestHealth(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync });
        app.MapGet("/health/ready", async (HttpContext context, ReadinessReports reports) =>
        {
            var report = await reports.LatestAsync(context.RequestAborted);
            context.Response.StatusCode = report.Status == HealthStatus.Unhealthy ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK;
            context.Response.Headers.CacheControl = "no-store, no-cache";
            await WriteAsync(context, report);
        });
        return app;
    }

    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        var body = new
        {
            status = report.Status.ToString(),
            checks = report.Entries.Select(e => new
            {
                name = e.Key,
                status = e.Value.Status.ToString(),
                description = PublicDescriptions.Contains(e.Key) ? e.Value.Description : null,
                durationMs = e.Value.Duration.TotalMilliseconds,
            }),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body, Json));
    }
}
