using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace Akka.Ingest.Bench;

/// <summary>
/// The hosts behind the scale-out figure's balancer: one plain host, or N cluster nodes on loopback started as
/// <c>scripts/run-cluster.sh</c> starts them (every node a seed, <c>MinimumMembers</c> = N, distinct HTTP,
/// management and remoting ports), each <c>dotnet Akka.Ingest.Pipeline.dll</c> of the given build, default settings
/// otherwise. Ready when every node answers <c>/health/ready</c> with 200.
/// </summary>
public sealed class ScaleOutNodes : IAsyncDisposable
{
    private static readonly TimeSpan Startup = TimeSpan.FromSeconds(120);

    private readonly List<ChildProcess> _processes;

    private ScaleOutNodes(List<ChildProcess> processes, int[] httpPorts)
    {
        _processes = processes;
        HttpPorts = httpPorts;
    }

    public IReadOnlyList<int> HttpPorts { get; }

    public IReadOnlyList<int> Ids => _processes.Select(p => p.Id).ToList();

    /// <summary>
    /// The arguments of node <paramref name="index"/> (0-based): a plain host when <paramref name="nodes"/> is 1,
    /// else a member of an N-node cluster whose remoting ports are <paramref name="clusterPorts"/>.
    /// </summary>
    public static string[] NodeArguments(
        ScaleOutBuild build, int nodes, int index, string connectionString, int httpPort, int managementPort, int[] clusterPorts, IEnumerable<string> extra)
    {
        var c = CultureInfo.InvariantCulture;
        string[] cluster = nodes == 1
            ? []
            :
            [
                string.Create(c, $"--Ingest:NodeName=node{index + 1}"),
                "--Ingest:Cluster:Enabled=true", "--Ingest:Cluster:Hostname=127.0.0.1",
                string.Create(c, $"--Ingest:Cluster:Port={clusterPorts[index]}"),
                .. clusterPorts.Select((port, seed) => string.Create(c, $"--Ingest:Cluster:SeedNodes:{seed}=akka.tcp://akka-ingest@127.0.0.1:{port}")),
                string.Create(c, $"--Ingest:Cluster:MinimumMembers={nodes}"),
            ];
        return
        [
            build.HostDll, "--urls", string.Create(c, $"http://127.0.0.1:{httpPort}"),
            "--store", "Postgres", "--connection-string", connectionString,
            string.Create(c, $"--Management:Port={managementPort}"),
            .. cluster,
            .. extra,
        ];
    }

    public static async Task<ScaleOutNodes> StartAsync(
        string name, ScaleOutBuild build, int nodes, string connectionString, IReadOnlyList<string> extra,
        IReadOnlyDictionary<string, string> environment, string logDirectory)
    {
        // One call, so no port is handed out twice.
        var ports = LoopbackPorts.Free(3 * nodes);
        var http = ports[..nodes];
        var management = ports[nodes..(2 * nodes)];
        var cluster = ports[(2 * nodes)..];
        var processes = new List<ChildProcess>();
        var started = new ScaleOutNodes(processes, http);
        try
        {
            for (var i = 0; i < nodes; i++)
            {
                processes.Add(ChildProcess.Start($"{name}-node{i + 1}", "dotnet",
                    NodeArguments(build, nodes, i, connectionString, http[i], management[i], cluster, extra), logDirectory, environment));
            }
            await Task.WhenAll(processes.Select((p, i) => WaitReadyAsync(p, http[i])));
            return started;
        }
        catch
        {
            await started.DisposeAsync();
            throw;
        }
    }

    /// <summary>CPU seconds (user + system) of each node process so far.</summary>
    public double[] CpuSecondsEach() => _processes.Select(p => ProcessStats.CpuSeconds(p.Id)).ToArray();

    /// <summary>Fails if a node has exited: a figure measured with a node gone would be wrong without saying so.</summary>
    public void EnsureRunning()
    {
        if (_processes.FirstOrDefault(p => p.HasExited) is { } gone)
            throw new InvalidOperationException($"{gone.Name} exited ({gone.ExitCode}) during the measurement:\n{gone.Tail()}");
    }

    /// <summary>SIGTERM to every node at once (each drains and leaves), then each is waited for or killed.</summary>
    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(_processes.Select(p => p.StopAsync(TimeSpan.FromSeconds(60))));
        foreach (var process in _processes)
            await process.DisposeAsync();
    }

    private static async Task WaitReadyAsync(ChildProcess process, int port)
    {
        using var client = new HttpClient { BaseAddress = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}/")), Timeout = TimeSpan.FromSeconds(5) };
        var waited = Stopwatch.StartNew();
        HttpStatusCode? last = null;
        while (waited.Elapsed < Startup)
        {
            if (process.HasExited)
                throw new InvalidOperationException($"{process.Name} exited ({process.ExitCode}) before it was ready:\n{process.Tail()}");
            try
            {
                using var response = await client.GetAsync("health/ready");
                if ((last = response.StatusCode) == HttpStatusCode.OK)
                    return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // not listening yet
            }
            await Task.Delay(250);
        }
        throw new InvalidOperationException($"{process.Name} was not ready within {Startup} (last answer {last?.ToString() ?? "none"}):\n{process.Tail()}");
    }
}
