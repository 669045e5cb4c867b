namespace Akka.Ingest.IntegrationTests.Cluster;

/// <summary>
/// Where a process-level cluster node runs: the address it gives remoting (<see cref="Hostname"/>), the command
/// it runs under (<see cref="Launcher"/>, e.g. <c>ip netns exec NAME</c>) and its HTTP listener
/// (<see cref="Urls"/>; null: a free loopback port).
/// </summary>
public sealed record NodePlacement(string Hostname, IReadOnlyList<string>? Launcher = null, string? Urls = null)
{
    public static NodePlacement Loopback { get; } = new("127.0.0.1");
}
