using Akka.Ingest.Testing;

namespace Akka.Ingest.IntegrationTests.Cluster;

/// <summary>
/// Paced PUT load on the nodes of a <see cref="ClusterProcesses"/>: one <see cref="PutLoad"/> per start, in start
/// order (a node started again gets a load of its own), each over its own 16-connection client.
/// </summary>
public sealed class ClusterLoad(ClusterProcesses cluster, string domainPrefix, int domains, double ratePerNode) : IDisposable
{
    private readonly List<Task> _running = [];
    private readonly List<HttpClient> _clients = [];

    /// <summary>Every load started so far, in start order.</summary>
    public List<PutLoad> Loads { get; } = [];

    public long Acknowledged => Loads.Sum(l => l.Acknowledged);

    /// <summary>Starts loading node <paramref name="node"/> until <paramref name="stop"/>; returns the index of its load.</summary>
    public int Start(int node, CancellationToken stop)
    {
        var load = new PutLoad();
        Loads.Add(load);
        var client = PutLoad.CreateClient(cluster[node].Address, 16);
        _clients.Add(client);
        _running.Add(load.RunAsync(client, ClusterLoadVerdict.Events(domainPrefix, domains), concurrency: 16, stop, ratePerNode));
        return Loads.Count - 1;
    }

    /// <summary>Completes once every load has stopped (after their stop tokens were cancelled).</summary>
    public Task StoppedAsync() => Task.WhenAll(_running);

    public void Dispose()
    {
        foreach (var client in _clients)
            client.Dispose();
    }
}
