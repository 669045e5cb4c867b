namespace Akka.Ingest.IntegrationTests.Cluster;

/// <summary>
/// Where a process-level cluster node runs: the address it gives remoting (<see cref="Hostname"/>), the command
/// it runs under (<see cref="Launcher"/>, e.g. <c>ip netns exec NAME</c>) and its HTTP listener
/// (<see cref="Urls"/>; null: a free loopback port) and management listener (<see cref="ManagementHost"/>; null: loopback,
/// which a node in a network namespace of its own only answers inside it).
/// </summary>
public sealed record NodePlacement(string Hostname, IReadOnlyList<string>? Launcher = null, string? Urls = null, string? ManagementHost = null)
{
    public static NodePlacement Loopback { get; } = new("127.0.0.1");
}
