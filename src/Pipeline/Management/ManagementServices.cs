using Akka.Ingest.Pipeline.Dashboard;
using Akka.Ingest.Pipeline.Health;
using Akka.Ingest.Pipeline.Metrics;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Serilog.Core;

namespace Akka.Ingest.Pipeline.Management;

public static class ManagementServices
{
    /// <summary>Registers what operators use: the <c>/admin</c> services and dashboard, health checks and metrics.</summary>
    public static IServiceCollection AddManagement(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ManagementOptions>()
            .Bind(configuration.GetSection(ManagementOptions.Section))
            .ValidateDataAnnotations()
            .Validate(o => o.StorePingTimeout > TimeSpan.Zero, "Management:StorePingTimeout must be positive.")
            .Validate(o => o.SessionLifetime > TimeSpan.Zero && o.SessionLifetime <= TimeSpan.FromDays(30), "Management:SessionLifetime must be positive and at most 30 days.")
            .Validate(o => o.HasValidHost, "Management:Host must be an IP address or localhost (127.0.0.1 by default, 0.0.0.0 for every interface).")
            .Validate(o => !o.HasValidHost || o.IsLoopbackOnly || !string.IsNullOrEmpty(o.Token),
                "Management:Host beyond loopback opens /admin to the network: set Management:Token too (every caller then sends it as a bearer token).")
            .Validate(o => !o.HasValidHost || o.IsLoopbackOnly || string.IsNullOrEmpty(o.Token) || o.HasNetworkGradeToken,
                $"Management:Host beyond loopback needs a Management:Token of at least {ManagementOptions.ShortestNetworkToken} characters that is "
                + "not a placeholder (like the example values of the compose file and the Kubernetes secret): a random value, since anyone who reaches the listener may try it. "
                + "The listener is plain HTTP: widen it only on a network you trust, or behind a TLS proxy.")
            .ValidateOnStart();

        services.AddSingleton(sp => new LogRingBuffer(sp.GetRequiredService<IOptions<ManagementOptions>>().Value.LogCapacity));
        // Registered as a sink, the ring joins the configured sinks through Serilog's ReadFrom.Services.
        services.AddSingleton<ILogEventSink>(sp => sp.GetRequiredService<LogRingBuffer>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<ManagementSessions>();
        services.AddSingleton<LoginThrottle>();
        services.AddSingleton<PipelineInspector>();
        services.AddSingleton<EffectiveConfiguration>();

        services.AddIngestHealthChecks();
        services.AddSingleton<IngestMetrics>();
        services.AddDashboard(configuration);
        return services;
    }
}
