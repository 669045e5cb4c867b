using System.Net;
using System.Net.Sockets;
using Akka.Ingest.Pipeline.Cluster;
using Akka.Ingest.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Akka.Ingest.IntegrationTests.Cluster;

/// <summary>
/// N in-process hosts forming one cluster on loopback over one PostgreSQL database (node 1 is the seed), with
/// the production wiring; a node's services can be overridden (e.g. a gated store).
/// </summary>
public sealed class ClusterNodes : IAsyncDisposable
{
    public const int Partitions = 16;

    private ClusterNodes(List<IngestHost> hosts, int[] ports)
    {
        Hosts = hosts;
        Ports = ports;
    }

    public List<IngestHost> Hosts { get; }

    public int[] Ports { get; }

    public static async Task<ClusterNodes> StartAsync(
        string connectionString, int count, Func<int, Action<IServiceCollection>?>? overrideServices = null, params string[] extra)
    {
        var ports = Enumerable.Range(0, count).Select(_ => FreePort()).ToArray();
        var hosts = new List<IngestHost>();
        try
        {
            for (var i = 0; i < count; i++)
            {
                hosts.Add(await IngestHost.StartAsync(
                    [
                        "--store", "Postgres", "--connection-string", connectionString,
                        $"--Ingest:Partitions={Partitions}", $"--Ingest:NodeName=node{i + 1}",
                        "--Ingest:Cluster:Enabled=true", "--Ingest:Cluster:Hostname=127.0.0.1", $"--Ingest:Cluster:Port={ports[i]}",
                        $"--Ingest:Cluster:SeedNodes:0=akka.tcp://akka-ingest@127.0.0.1:{ports[0]}",
                        "--Ingest:Cluster:StableAfter=00:00:04", $"--Ingest:Cluster:MinimumMembers={count}", "--Ingest:Cluster:RouteToOwner=true", "--Ingest:RequestTimeout=00:00:30",
                        .. extra,
                    ],
                    overrideServices?.Invoke(i)));
            }
        }
        catch
        {
            foreach (var host in hosts)
                await host.DisposeAsync();
            throw;
        }
        var nodes = new ClusterNodes(hosts, ports);
        await nodes.WaitUntilFormedAsync(count);
        return nodes;
    }

    public static ClusterInspector Inspector(IngestHost host) => host.Services.GetRequiredService<ClusterInspector>();

    public string AddressOf(int index) => $"akka.tcp://akka-ingest@127.0.0.1:{Ports[index]}";

    /// <summary>Every running node sees <paramref name="members"/> Up and all partitions placed.</summary>
    public async Task WaitUntilFormedAsync(int members)
    {
        await Eventually.TrueAsync(
            () => Hosts.All(h => Inspector(h).ReadMembership().Members.Count(m => m.Status == "Up") == members),
            TimeSpan.FromSeconds(60), $"{members} members Up on every node");
        await EventuallyAsync(async () => (await Inspector(Hosts[0]).ReadRegionStatsAsync(CancellationToken.None)).Partitions == Partitions,
            TimeSpan.FromSeconds(60), "every partition placed");
    }

    /// <summary>The partitions whose owner lives on node <paramref name="index"/>.</summary>
    public async Task<int[]> PartitionsOwnedByAsync(int index)
    {
        var stats = await Inspector(Hosts[0]).ReadRegionStatsAsync(CancellationToken.None);
        return stats.Nodes.Where(n => n.Address == AddressOf(index)).SelectMany(n => n.Shards).Select(s => int.Parse(s.Shard)).ToArray();
    }

    public static async Task EventuallyAsync(Func<Task<bool>> condition, TimeSpan timeout, string because)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                if (await condition())
                    return;
            }
            catch (Exception) when (DateTime.UtcNow < deadline)
            {
                // not yet: the cluster is still forming
            }
            if (DateTime.UtcNow >= deadline)
                throw new TimeoutException($"Not true within {timeout}: {because}");
            await Task.Delay(200);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var host in Enumerable.Reverse(Hosts))
            await host.DisposeAsync();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
