using Prometheus;

namespace Akka.Ingest.Pipeline.Metrics;

/// <summary>
/// Bridges the .NET meters of the framework into a prometheus-net registry (prometheus-net's MeterAdapter):
/// Kestrel's connections and rejections, ASP.NET Core's request duration, Npgsql's pool and command metrics.
/// Only these meters: the adapter would otherwise publish every meter in the process.
/// </summary>
public static class FrameworkMeters
{
    public static readonly IReadOnlySet<string> Names = new HashSet<string>
    {
        "Microsoft.AspNetCore.Server.Kestrel",
        "Microsoft.AspNetCore.Hosting",
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
