using System.Diagnostics.Metrics;
using Prometheus;

namespace Akka.Ingest.Pipeline.Metrics;

/// <summary>
/// Which of the framework's System.Diagnostics.Metrics meters join the host's registry: Kestrel's connections and
/// rejections, Npgsql's pool and command metrics, and the runtime's (thread pool, GC, locks, exceptions: all
/// observable, read once per scrape, nothing per request). Only these: every meter in the process would otherwise be
/// published. Not ASP.NET Core's hosting meter: its request duration repeats <c>http_request_duration_seconds</c>,
/// and its two measurements per request cost about 4% of the host's CPU samples under PUT load.
/// They are named as OpenTelemetry's Prometheus exporter names them (<see cref="PrometheusNames"/>), the names the
/// community Kestrel and .NET dashboards query, not prometheus-net's MeterAdapter's <c>{meter}_{instrument}</c>.
/// </summary>
public static class FrameworkMeters
{
    public static readonly IReadOnlySet<string> Names = new HashSet<string>
    {
        "Microsoft.AspNetCore.Server.Kestrel",
        "Npgsql",
        "System.Runtime",
    };

    public static IDisposable StartListening(CollectorRegistry registry) => new MeterBridge(registry, Names);
}
