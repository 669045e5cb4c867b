using System.Reflection;
using System.Runtime.InteropServices;
using Prometheus;

namespace Akka.Ingest.Pipeline.Metrics;

/// <summary><c>ingest_build_info</c>: always 1, with the host's version, Akka's and the runtime's as labels.</summary>
public static class BuildInfo
{
    public static void Register(IMetricFactory factory) =>
        factory.CreateGauge(IngestMetrics.Names.BuildInfo, "The host's build: version, Akka.NET version and .NET runtime as labels; always 1.",
                ["version", "akka_version", "runtime"])
            .WithLabels(Version(typeof(BuildInfo).Assembly), Version(typeof(Akka.Actor.ActorSystem).Assembly), RuntimeInformation.FrameworkDescription)
            .Set(1);

    private static string Version(Assembly assembly) =>
        assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? assembly.GetName().Version?.ToString()
        ?? "unknown";
}
