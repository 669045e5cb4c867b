using System.Net;
using System.Net.Sockets;
using Akka.Ingest.Pipeline.Cluster;
using Akka.Ingest.Pipeline.Config;
using Akka.Ingest.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Akka.Ingest.IntegrationTests.Cluster;

/// <summary>
/// N in-process hosts forming one cluster on loopback over one PostgreSQL database (node 1 is the seed), with
/// the production wiring; a node's services can be overridden (e.g. a gated store). Also the one place that
/// says how a cluster node is started (<see cref="NodeArgs"/>), for the in-process and the process-level specs alike.
/// </summary>
public sealed class ClusterNodes : IAsyncDisposable
{
    public const int Partitions = 16;

    private readonly string _protocol;

    private ClusterNodes(List<IngestHost> hosts, int[] ports, int[] managementPorts, string protocol)
    {
        _protocol = protocol;
        Hosts = hosts;
        Ports = ports;
        ManagementPorts = managementPorts.ToList();
    }

    public List<IngestHost> Hosts { get; }

    public int[] Ports { get; }

    /// <summary>Each running host's <c>Management:Port</c>, in the order of <see cref="Hosts"/>.</summary>
    public List<int> ManagementPorts { get; }

    /// <summary>
    /// The arguments of node <paramref name="index"/> (0-based; named <c>node{index+1}</c>) of a cluster whose
    /// remoting ports are <paramref name="clusterPorts"/>, every node a seed, owners routed to explicitly.
    /// <paramref name="managementPort"/>: the node's own management listener (<c>Management:Port</c>).
    /// <paramref name="hostnames"/>: each node's remoting address (all 127.0.0.1 without it).
    /// <paramref name="protocol"/>: the seeds' scheme, <c>akka.ssl.tcp</c> when the nodes run TLS.
    /// </summary>
    public static string[] NodeArgs(
        string connectionString, int index, int[] clusterPorts, int managementPort, string[]? hostnames = null,
        string protocol = IngestClusterOptions.PlaintextProtocol)
    {
        string HostnameOf(int node) => hostnames?[node] ?? "127.0.0.1";
        return
        [
            "--store", "Postgres", "--connection-string", connectionString,
            $"--Ingest:Partitions={Partitions}", $"--Ingest:NodeName=node{index + 1}",
            "--Ingest:Cluster:Enabled=true", $"--Ingest:Cluster:Hostname={HostnameOf(index)}", $"--Ingest:Cluster:Port={clusterPorts[index]}",
            .. clusterPorts.Select((p, s) => $"--Ingest:Cluster:SeedNodes:{s}={protocol}://akka-ingest@{HostnameOf(s)}:{p}"),
            "--Ingest:Cluster:StableAfter=00:00:04", $"--Ingest:Cluster:MinimumMembers={clusterPorts.Length}",
            "--Ingest:Cluster:RouteToOwner=true",
            $"--Management:Port={managementPort}",
        ];
    }

    public static Task<ClusterNodes> StartAsync(
        string connectionString, int count, Func<int, Action<IServiceCollection>?>? overrideServices = null, params string[] extra) =>
        StartAsync(connectionString, count, overrideServices, IngestClusterOptions.PlaintextProtocol, extra);

    /// <summary>A cluster whose nodes speak TLS on their remoting ports with <paramref name="certificate"/>, the same file on every node.</summary>
    public static Task<ClusterNodes> StartWithTlsAsync(string connectionString, int count, TestCertificate certificate, params string[] extra) =>
        StartAsync(connectionString, count, null, IngestClusterOptions.TlsProtocol, [.. certificate.HostArgs, .. extra]);

    private static async Task<ClusterNodes> StartAsync(
        string connectionString, int count, Func<int, Action<IServiceCollection>?>? overrideServices, string protocol, string[] extra)
    {
        var ports = FreePorts(count);
        var managementPorts = FreePorts(count);
        var hosts = new List<IngestHost>();
        try
        {
            // Started one after the other: each node's Start returns once its host runs, and the cluster forms
            // (MinimumMembers) only when all have joined.
            for (var i = 0; i < count; i++)
            {
                hosts.Add(await IngestHost.StartAsync(
                    [.. NodeArgs(connectionString, i, ports, managementPorts[i], protocol: protocol), "--Ingest:RequestTimeout=00:00:30", .. extra],
                    overrideServices?.Invoke(i)));
            }
        }
        catch
        {
            foreach (var host in hosts)
                await host.DisposeAsync();
            throw;
        }
        var nodes = new ClusterNodes(hosts, ports, managementPorts, protocol);
        try
        {
            await nodes.WaitUntilFormedAsync(count);
        }
        catch
        {
            await nodes.DisposeAsync();
            throw;
        }
        return nodes;
    }

    /// <summary>The Prometheus text of host <paramref name="index"/> (of <see cref="Hosts"/>), from wherever it serves <c>/metrics</c>.</summary>
    public async Task<string> ScrapeAsync(int index)
    {
        using var client = new HttpClient { BaseAddress = Hosts[index].ManagementAddress, Timeout = TimeSpan.FromSeconds(10) };
        return await client.GetStringAsync("/metrics");
    }

    public static ClusterInspector Inspector(IngestHost host) => host.Services.GetRequiredService<ClusterInspector>();

    public string AddressOf(int index) => $"{_protocol}://akka-ingest@127.0.0.1:{Ports[index]}";

    /// <summary>Every running node sees <paramref name="members"/> Up and, with owner routing, all partitions placed.</summary>
    public async Task WaitUntilFormedAsync(int members)
    {
        await EventuallyAsync(
            () => Task.FromResult(Hosts.All(h => Inspector(h).ReadMembership().Members.Count(m => m.Status == "Up") == members)),
            TimeSpan.FromSeconds(60),
            () => $"{members} members Up on every node; seen: " +
                  string.Join("; ", Hosts.Select(h => string.Join(", ", Inspector(h).ReadMembership().Members.Select(m => $"{m.Address} {m.Status}")))));
        if (!Inspector(Hosts[0]).RoutesToOwners)
            return;
        RegionStatsView? placement = null;
        await EventuallyAsync(async () =>
            {
                placement = await Inspector(Hosts[0]).ReadRegionStatsAsync(CancellationToken.None);
                return placement.Partitions == Partitions && placement.Nodes.Count(n => n.Shards.Count > 0) == members;
            },
            TimeSpan.FromSeconds(60),
            () => $"every partition placed, on all {members} nodes; seen: " + Describe(placement));
    }

    public static string Describe(RegionStatsView? placement) =>
        placement is null
            ? "no region stats"
            : string.Join("; ", placement.Nodes.Select(n => $"{n.Address}: [{string.Join(",", n.Shards.Select(s => s.Shard))}]"));

    /// <summary>The partitions whose owner lives on node <paramref name="index"/>.</summary>
    public async Task<int[]> PartitionsOwnedByAsync(int index)
    {
        var stats = await Inspector(Hosts[0]).ReadRegionStatsAsync(CancellationToken.None);
        return stats.Nodes.Where(n => n.Address == AddressOf(index)).SelectMany(n => n.Shards).Select(s => int.Parse(s.Shard)).ToArray();
    }

    /// <summary>
    /// Polls <paramref name="condition"/> (exceptions count as "not yet") until it holds; on timeout the message
    /// says what was awaited, what <paramref name="describe"/> sees then, and the last exception.
    /// </summary>
    public static async Task EventuallyAsync(Func<Task<bool>> condition, TimeSpan timeout, Func<string> describe)
    {
        var deadline = DateTime.UtcNow + timeout;
        Exception? last = null;
        while (true)
        {
            try
            {
                if (await condition())
                    return;
            }
            catch (Exception e)
            {
                // not yet: the cluster is still forming or changing
                last = e;
            }
            if (DateTime.UtcNow >= deadline)
            {
                string seen;
                try
                {
                    seen = describe();
                }
                catch (Exception e)
                {
                    seen = $"(could not describe: {e.Message})";
                }
                throw new TimeoutException($"Not true within {timeout}: {seen}" + (last is null ? "" : $"\nlast error: {last.GetType().Name}: {last.Message}"));
            }
            await Task.Delay(200);
        }
    }

    public static Task EventuallyAsync(Func<Task<bool>> condition, TimeSpan timeout, string because) =>
        EventuallyAsync(condition, timeout, () => because);

    public async ValueTask DisposeAsync()
    {
        foreach (var host in Enumerable.Reverse(Hosts))
            await host.DisposeAsync();
    }

    /// <summary><paramref name="count"/> distinct free loopback ports (held together while chosen, so none repeats).</summary>
    public static int[] FreePorts(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToArray();
        try
        {
            foreach (var listener in listeners)
                listener.Start();
            return listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
        }
        finally
        {
            foreach (var listener in listeners)
                listener.Stop();
        }
    }

    public static int FreePort() => FreePorts(1)[0];
}
