using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Akka.Ingest.Bench;

/// <summary>
/// Debian's HAProxy in front of the scale-out figure's nodes, as a new user would put it there: round-robin per
/// request, no retries and no redispatch (a request a node fails is the client's to see), health checks on
/// <c>/health/ready</c>, keep-alive to the client and to the backends. A child process on loopback ports with its
/// configuration written into the run's log folder; its statistics page tells when every backend is up.
/// </summary>
public sealed class HaProxy : IAsyncDisposable
{
    private static readonly TimeSpan Startup = TimeSpan.FromSeconds(60);

    private readonly ChildProcess _process;
    private readonly Uri _stats;

    private HaProxy(ChildProcess process, Uri address, Uri stats, string configPath)
    {
        _process = process;
        Address = address;
        _stats = stats;
        ConfigPath = configPath;
    }

    public Uri Address { get; }

    public int Id => _process.Id;

    public string ConfigPath { get; }

    /// <summary>The configuration: one frontend, one backend of <paramref name="backendPorts"/>, a statistics page.</summary>
    public static string Config(int frontendPort, int statsPort, IReadOnlyList<int> backendPorts)
    {
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine("""
            # Written by the benchmark runner (figure s). HAProxy from Debian, defaults otherwise.
            global
              nbthread 1
              maxconn 4096

            defaults
              mode http
              timeout connect 5s
              timeout client 60s
              timeout server 60s
              timeout http-keep-alive 60s
              timeout check 5s
              # A request is sent once, to the server round-robin chose: no retry, no second server.
              retries 0
              no option redispatch
              option http-keep-alive
              http-reuse safe
            """);
        text.AppendLine(string.Create(c, $"""

            frontend ingest
              bind 127.0.0.1:{frontendPort}
              default_backend nodes

            backend nodes
              balance roundrobin
              option httpchk
              http-check send meth GET uri /health/ready ver HTTP/1.1 hdr Host 127.0.0.1
              http-check expect status 200
            """));
        for (var i = 0; i < backendPorts.Count; i++)
            text.AppendLine(string.Create(c, $"  server node{i + 1} 127.0.0.1:{backendPorts[i]} check inter 2s"));
        text.AppendLine(string.Create(c, $"""

            listen stats
              bind 127.0.0.1:{statsPort}
              stats enable
              stats uri /stats
            """));
        return text.ToString();
    }

    /// <summary>Starts HAProxy in the foreground and waits until its health checks find every backend ready.</summary>
    public static async Task<HaProxy> StartAsync(string name, IReadOnlyList<int> backendPorts, string logDirectory)
    {
        var ports = LoopbackPorts.Free(2);
        var configPath = Path.Combine(logDirectory, $"{name}.cfg");
        await File.WriteAllTextAsync(configPath, Config(ports[0], ports[1], backendPorts));
        var process = ChildProcess.Start(name, "haproxy", ["-f", configPath, "-db"], logDirectory);
        var proxy = new HaProxy(process, new Uri($"http://127.0.0.1:{ports[0]}/"), new Uri($"http://127.0.0.1:{ports[1]}/stats;csv"), configPath);
        try
        {
            await proxy.WaitUntilAllUpAsync(backendPorts.Count);
            return proxy;
        }
        catch
        {
            await proxy.DisposeAsync();
            throw;
        }
    }

    /// <summary>Each backend server's line of the statistics page.</summary>
    public async Task<IReadOnlyList<ServerStats>> ServersAsync()
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var csv = (await client.GetStringAsync(_stats)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var header = csv[0].TrimStart('#', ' ').Split(',');
        int Column(string name) => Array.IndexOf(header, name) is var i and >= 0 ? i : throw new InvalidOperationException($"HAProxy's statistics have no {name} column.");
        var (proxyName, serverName, status, check, total, fivexx) =
            (Column("pxname"), Column("svname"), Column("status"), Column("check_status"), Column("stot"), Column("hrsp_5xx"));
        return csv.Skip(1).Select(line => line.Split(','))
            .Where(f => f[proxyName] == "nodes" && f[serverName] is not ("FRONTEND" or "BACKEND"))
            .Select(f => new ServerStats(f[serverName], f[status], f[check], Long(f[total]), Long(f[fivexx])))
            .ToList();
    }

    /// <summary>The first line of <c>haproxy -v</c>.</summary>
    public static string Version()
    {
        using var haproxy = Process.Start(new ProcessStartInfo("haproxy", "-v") { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var line = haproxy.StandardOutput.ReadToEnd().Split('\n')[0];
        haproxy.WaitForExit();
        return string.Join(' ', line.Split(' ').Take(3));
    }

    public async ValueTask DisposeAsync()
    {
        await _process.StopAsync(TimeSpan.FromSeconds(10));
        await _process.DisposeAsync();
    }

    private async Task WaitUntilAllUpAsync(int servers)
    {
        var deadline = Stopwatch.StartNew();
        var seen = "nothing yet";
        while (deadline.Elapsed < Startup)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"HAProxy exited ({_process.ExitCode}) at start ({ConfigPath}):\n{_process.Tail()}");
            try
            {
                var stats = await ServersAsync();
                seen = string.Join(", ", stats.Select(s => $"{s.Name} {s.Status} {s.CheckStatus}"));
                if (stats.Count == servers && stats.All(s => s.Status == "UP" && s.CheckStatus == "L7OK"))
                    return;
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            await Task.Delay(250);
        }
        throw new InvalidOperationException($"HAProxy did not see all {servers} backends up within {Startup}: {seen}\n{_process.Tail()}");
    }

    private static long Long(string field) => long.TryParse(field, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : 0;

    /// <summary>One backend server as HAProxy sees it: state, last check, requests sent to it, 5xx it answered.</summary>
    public sealed record ServerStats(string Name, string Status, string CheckStatus, long Requests, long Responses5xx);
}
