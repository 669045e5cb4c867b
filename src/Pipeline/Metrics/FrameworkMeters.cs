using Prometheus;

namespace Akka.Ingest.Pipeline.Metrics;

/// <summary>
/// Bridges the .NET meters of the framework into a prometheus-net registry (prometheus-net's MeterAdapter):
/// Kestrel's connections and rejections, Npgsql's pool and command metrics. Only these meters: the adapter would
/// otherwise publish every meter in the process. Not ASP.NET Core's hosting meter: its request duration repeats
/// <c>http_request_duration_seconds</c>, and its two measurements per request went through the adapter's label
/// lookups on the hot path (about 4% of the host's CPU samples under PUT load).
/// </summary>
public static class FrameworkMeters
{
    public static readonly IReadOnlySet<string> Names = new HashSet<string>
    {
        "Microsoft.AspNetCore.Server.Kestrel",
        "Npgsql",
    };

    public static IDisposable StartListening(CollectorRegistry registry) =>
        MeterAdapter.StartListening(new MeterAdapterOptions
        {
            Registry = registry,
            // Without a factory of its own the adapter would publish into prometheus-net's default registry.
            MetricFactory = Prometheus.Metrics.WithCustomRegistry(registry),
            InstrumentFilterPredicate = instrument => Names.Contains(instrument.Meter.Name),
        });
}
