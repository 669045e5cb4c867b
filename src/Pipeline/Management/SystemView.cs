using System.Reflection;
using System.Runtime.InteropServices;
using Akka.Actor;

namespace Akka.Ingest.Pipeline.Management;

/// <summary>The answer of <c>/admin/system</c>: which actor system and process this is.</summary>
public sealed record SystemView(
    string Name,
    string Address,
    DateTimeOffset StartedAt,
    double UptimeSeconds,
    string AkkaVersion,
    string Runtime,
    string NodeId,
    string Store,
    int Partitions,
    string Machine,
    int ProcessId)
{
    private static readonly string AkkaAssemblyVersion =
        typeof(ActorSystem).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? typeof(ActorSystem).Assembly.GetName().Version?.ToString()
        ?? "unknown";

    public static SystemView From(ActorSystem system, string nodeId, string store, int partitions) => new(
        system.Name,
        ((ExtendedActorSystem)system).Provider.DefaultAddress.ToString(),
        DateTimeOffset.UtcNow - system.Uptime,
        system.Uptime.TotalSeconds,
        AkkaAssemblyVersion,
        RuntimeInformation.FrameworkDescription,
        nodeId,
        store,
        partitions,
        Environment.MachineName,
        Environment.ProcessId);
}
