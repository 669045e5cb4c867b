using System.Diagnostics;
using Akka.Ingest.Writers;
using Npgsql;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Akka.Ingest.Pipeline.Tracing;

/// <summary>
/// Traces: a span per HTTP request (ASP.NET Core's), a span per batch commit (<c>ingest.commit</c>) linked to the
/// requests it acknowledged — one batch serves many requests, so links rather than parents — with the writer's
/// <c>ingest.write</c> and the database's spans under it. Exported over OTLP only when
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set; otherwise no tracer listens and the spans cost nothing.
/// </summary>
public static class IngestTracing
{
    public const string SourceName = "Akka.Ingest";

    /// <summary>Most requests linked from one commit span: a batch can hold thousands.</summary>
    public const int MaxLinksPerCommit = 128;

    public static ActivitySource Source { get; } = new(SourceName);

    public static IServiceCollection AddIngestTracing(this IServiceCollection services, IConfiguration configuration)
    {
        if (string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
            return services;
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("akka-ingest"))
            .WithTracing(tracing => tracing.AddIngestSources().AddOtlpExporter());
        return services;
    }

    /// <summary>What the host traces: its own spans, the writers', ASP.NET Core's and Npgsql's.</summary>
    public static TracerProviderBuilder AddIngestSources(this TracerProviderBuilder tracing) =>
        tracing
            .AddSource(SourceName, WriterTracing.SourceName)
            .AddAspNetCoreInstrumentation()
            .AddNpgsql();
}
