using System.Runtime.InteropServices;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Akka.Ingest.Testing;

namespace Akka.Ingest.IntegrationTests.Cluster;

/// <summary>
/// Three (or N) host processes forming one cluster on loopback over one PostgreSQL database, started with
/// <see cref="ClusterNodes.NodeArgs"/>. Keeps the output of every incarnation of every node, so a failing spec
/// can print what each host logged (<see cref="Logs"/>), and answers questions through each node's
/// <c>/admin/cluster</c>.
/// </summary>
public sealed class ClusterProcesses : IAsyncDisposable
{
    public static readonly TimeSpan Startup = TimeSpan.FromSeconds(90);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly string _connectionString;
    private readonly string[] _extra;
    private readonly Func<int, NodePlacement> _placement;
    private readonly string _managementToken = Guid.NewGuid().ToString("N");
    private readonly HostProcess?[] _hosts;
    private readonly Uri?[] _admin;
    private readonly List<(string Name, HostProcess Host)> _incarnations = [];

    private ClusterProcesses(string connectionString, int count, Func<int, NodePlacement>? placement, string[] extra)
    {
        _connectionString = connectionString;
        _extra = extra;
        _placement = placement ?? (_ => NodePlacement.Loopback);
        _hosts = new HostProcess?[count];
        _admin = new Uri?[count];
        ClusterPorts = ClusterNodes.FreePorts(count);
        ManagementPorts = ClusterNodes.FreePorts(count);
    }

    public int[] ClusterPorts { get; }

    public int[] ManagementPorts { get; }

    public int Count => _hosts.Length;

    public HostProcess this[int index] => _hosts[index] ?? throw new InvalidOperationException($"node{index + 1} is not running.");

    public static Task<ClusterProcesses> StartAsync(string connectionString, int count, params string[] extra) =>
        StartAsync(connectionString, count, null, extra);

    /// <summary>Starts <paramref name="count"/> nodes, each where <paramref name="placement"/> says (all on loopback without it).</summary>
    public static async Task<ClusterProcesses> StartAsync(string connectionString, int count, Func<int, NodePlacement>? placement, params string[] extra)
    {
        var cluster = new ClusterProcesses(connectionString, count, placement, extra);
        try
        {
            // All at once, as an orchestrator starts them: each node joins whichever seed answers first.
            await Task.WhenAll(Enumerable.Range(0, count).Select(cluster.StartAsync));
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
        return cluster;
    }

    /// <summary>Starts node <paramref name="index"/> (again, after a kill: a new incarnation on the same ports).</summary>
    public async Task StartAsync(int index)
    {
        if (_hosts[index] is { } previous)
            await previous.DisposeAsync();
        _hosts[index] = null;
        var placement = _placement(index);
        var hostnames = Enumerable.Range(0, Count).Select(i => _placement(i).Hostname).ToArray();
        string[] args =
        [
            .. ClusterNodes.NodeArgs(_connectionString, index, ClusterPorts, ManagementPorts[index], hostnames),
            $"--Management:Token={_managementToken}",
            .. placement.Urls is { } urls ? ["--urls", urls] : Array.Empty<string>(),
            .. placement.ManagementHost is { } managementHost
                ? [$"--Management:Host={managementHost}", $"--Management:AllowedHosts={managementHost}"]
                : Array.Empty<string>(),
            .. _extra,
        ];
        var host = await HostProcess.StartAsync(args, Startup, launcher: placement.Launcher);
        _hosts[index] = host;
        lock (_incarnations)
            _incarnations.Add(($"node{index + 1} (incarnation {_incarnations.Count(i => i.Name.StartsWith($"node{index + 1} ", StringComparison.Ordinal)) + 1})", host));
        _admin[index] = new Uri($"http://{placement.ManagementHost ?? "127.0.0.1"}:{ManagementPorts[index]}");
    }

    public string RemotingAddressOf(int index) => $"akka.tcp://akka-ingest@{_placement(index).Hostname}:{ClusterPorts[index]}";

    /// <summary><c>/admin/cluster</c> as node <paramref name="index"/> sees it.</summary>
    public async Task<JsonDocument> ClusterViewAsync(int index)
    {
        using var api = new HttpClient { BaseAddress = _admin[index], Timeout = TimeSpan.FromSeconds(5) };
        api.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", _managementToken);
        return JsonDocument.Parse(await api.GetStringAsync("/admin/cluster"));
    }

    /// <summary>Waits until node <paramref name="index"/> sees exactly <paramref name="up"/> members, all Up, none unreachable.</summary>
    public async Task WaitForMembersAsync(int index, int up, TimeSpan? timeout = null)
    {
        string seen = "nothing yet";
        await ClusterNodes.EventuallyAsync(async () =>
        {
            using var view = await ClusterViewAsync(index);
            var members = view.RootElement.GetProperty("members").EnumerateArray().ToArray();
            seen = string.Join(", ", members.Select(m => $"{m.GetProperty("address").GetString()} {m.GetProperty("status").GetString()}"))
                   + $"; unreachable [{string.Join(", ", view.RootElement.GetProperty("unreachable").EnumerateArray().Select(u => u.GetString()))}]";
            return members.Length == up && members.All(m => m.GetProperty("status").GetString() == "Up")
                   && view.RootElement.GetProperty("unreachable").GetArrayLength() == 0;
        }, timeout ?? Startup, () => $"{up} members Up as node{index + 1} sees it; seen: {seen}");
    }

    /// <summary>The oldest member (the shard coordinator's and the status relay's node), as node <paramref name="index"/> sees it.</summary>
    public async Task<int> OldestAsync(int index)
    {
        using var view = await ClusterViewAsync(index);
        var oldest = view.RootElement.GetProperty("oldest").GetString()!;
        return Array.FindIndex(Enumerable.Range(0, Count).ToArray(), i => RemotingAddressOf(i) == oldest);
    }

    /// <summary>
    /// Waits until node <paramref name="owner"/> hosts a partition, as node <paramref name="observer"/> sees the placement,
    /// and returns how many. Every node asks for all the owners at start, so the first region registered may host them
    /// all until the coordinator rebalances: a fault must hit a node that owns partitions, or no owner is lost.
    /// </summary>
    public async Task<int> WaitUntilOwnsPartitionAsync(int observer, int owner)
    {
        var owned = 0;
        await ClusterNodes.EventuallyAsync(async () => (owned = await PartitionsOwnedAsync(observer, owner)) > 0,
            TimeSpan.FromSeconds(90), () => $"node{owner + 1} to own a partition");
        return owned;
    }

    /// <summary>How many partitions node <paramref name="owner"/> hosts, as node <paramref name="observer"/>'s <c>/admin/cluster/sharding</c> sees the whole placement.</summary>
    private async Task<int> PartitionsOwnedAsync(int observer, int owner)
    {
        using var api = new HttpClient { BaseAddress = _admin[observer], Timeout = TimeSpan.FromSeconds(10) };
        api.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", _managementToken);
        using var stats = JsonDocument.Parse(await api.GetStringAsync("/admin/cluster/sharding"));
        return stats.RootElement.GetProperty("nodes").EnumerateArray()
            .Where(node => node.GetProperty("address").GetString() == RemotingAddressOf(owner))
            .Sum(node => node.GetProperty("shards").GetArrayLength());
    }

    /// <summary>Contributions the given nodes wrote directly after an owner timeout.</summary>
    public async Task<long> FallbacksAsync(IEnumerable<int> indices)
    {
        long fallbacks = 0;
        foreach (var index in indices)
        {
            using var view = await ClusterViewAsync(index);
            fallbacks += view.RootElement.GetProperty("routing").GetProperty("fallbacks").GetInt64();
        }
        return fallbacks;
    }

    public async Task WaitReadyAsync(int index)
    {
        using var api = new HttpClient { BaseAddress = this[index].Address, Timeout = TimeSpan.FromSeconds(5) };
        HttpStatusCode? last = null;
        await ClusterNodes.EventuallyAsync(async () => (last = (await api.GetAsync("/health/ready")).StatusCode) == HttpStatusCode.OK,
            Startup, () => $"node{index + 1} ready (last answer {last})");
    }

    /// <summary>
    /// SIGTERM to every node, then each must drain, leave and exit with code 0. <paramref name="oldestLast"/>: the
    /// others first, then the oldest once they are gone, as a rolling stop does. Stopped all at once, the oldest
    /// offers its singletons to a younger node that is leaving too and retries for about 6 s (Akka's hand-over
    /// retries) before it stops them anyway.
    /// </summary>
    public async Task StopAllAsync(bool oldestLast = false)
    {
        var oldest = oldestLast ? await OldestAsync(0) : -1;
        var first = Enumerable.Range(0, Count).Where(i => i != oldest).ToArray();
        foreach (var i in first)
            this[i].Signal(PosixSignal.SIGTERM);
        foreach (var i in first)
            await this[i].WaitForExitAsync(TimeSpan.FromSeconds(60));
        if (oldest >= 0)
        {
            this[oldest].Signal(PosixSignal.SIGTERM);
            await this[oldest].WaitForExitAsync(TimeSpan.FromSeconds(60));
        }
        Assert.All(Enumerable.Range(0, Count), i => Assert.True(this[i].ExitCode == 0, $"node{i + 1} exited with {this[i].ExitCode}"));
    }

    /// <summary>
    /// What every incarnation of every node logged, the last <paramref name="linesEach"/> lines of each (all of
    /// them with null): the first thing to read when a cluster spec fails.
    /// </summary>
    public string Logs(int? linesEach = 60)
    {
        var text = new StringBuilder();
        lock (_incarnations)
        {
            foreach (var (name, host) in _incarnations)
            {
                var lines = host.Output.Split('\n');
                var shown = linesEach is { } n ? lines.TakeLast(n) : lines;
                text.AppendLine($"===== {name}{StateOf(host)}: {lines.Length} lines{(linesEach is { } m && lines.Length > m ? $", last {m}" : "")}");
                foreach (var line in shown)
                    text.AppendLine(line.TrimEnd('\r'));
            }
        }
        return text.ToString();
    }

    public static async Task<List<Pipeline.StatusFeed.StatusChangeView>> ReadFeedAsync(Uri api)
    {
        using var client = new HttpClient { BaseAddress = api };
        var items = new List<Pipeline.StatusFeed.StatusChangeView>();
        long after = 0;
        while (true)
        {
            var page = (await client.GetFromJsonAsync<Pipeline.Http.StatusFeedEndpoints.StatusChangePage>($"/domains/changes?after={after}&limit=1000", Json))!;
            if (page.Items.Count == 0)
                return items;
            items.AddRange(page.Items);
            after = page.Next;
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var host in _hosts)
        {
            if (host is not null)
                await host.DisposeAsync();
        }
    }

    private static string StateOf(HostProcess host)
    {
        try
        {
            return host.HasExited ? $", exited with {host.ExitCode}" : ", running";
        }
        catch (InvalidOperationException)
        {
            return ", stopped by the spec";
        }
    }
}
