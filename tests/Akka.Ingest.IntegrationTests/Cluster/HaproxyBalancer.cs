using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Akka.Ingest.IntegrationTests.Cluster;

/// <summary>
/// HAProxy (Debian's <c>/usr/sbin/haproxy</c>) in front of the nodes' HTTP listeners, as a new user would put one:
/// round-robin, <c>retries 0</c> (a request that failed on a node is never sent to another, so the client sees the
/// fault: a cut connection, a 502, a 503 or a 504), health checks on <c>/health/ready</c> every 500 ms.
/// </summary>
public sealed class HaproxyBalancer : IAsyncDisposable
{
    public const string Binary = "/usr/sbin/haproxy";

    private readonly Process _process;
    private readonly string _directory;

    private HaproxyBalancer(Process process, string directory, Uri address)
    {
        _process = process;
        _directory = directory;
        Address = address;
    }

    public Uri Address { get; }

    public static async Task<HaproxyBalancer> StartAsync(IReadOnlyList<int> nodePorts)
    {
        if (!File.Exists(Binary))
            throw new InvalidOperationException($"{Binary} is missing: this spec needs Debian's haproxy package (apt-get install -y haproxy).");
        var port = ClusterNodes.FreePort();
        var directory = Directory.CreateTempSubdirectory("akka-ingest-haproxy-").FullName;
        var config = new StringBuilder($"""
            global
                maxconn 2000
            defaults
                mode http
                retries 0
                timeout connect 2s
                timeout client 60s
                timeout server 60s
            frontend ingest
                bind 127.0.0.1:{port}
                default_backend nodes
            backend nodes
                balance roundrobin
                option httpchk GET /health/ready

            """);
        for (var i = 0; i < nodePorts.Count; i++)
            config.AppendLine(CultureInfo.InvariantCulture, $"    server node{i + 1} 127.0.0.1:{nodePorts[i]} check inter 500ms fall 2 rise 2");
        var file = Path.Combine(directory, "haproxy.cfg");
        await File.WriteAllTextAsync(file, config.ToString());

        var info = new ProcessStartInfo(Binary) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "-db", "-f", file })
            info.ArgumentList.Add(argument);
        var process = Process.Start(info)!;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var balancer = new HaproxyBalancer(process, directory, new Uri($"http://127.0.0.1:{port}/"));
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        await ClusterNodes.EventuallyAsync(async () =>
        {
            try
            {
                return (await client.GetAsync(new Uri(balancer.Address, "health/ready"))).IsSuccessStatusCode;
            }
            catch (HttpRequestException)
            {
                return false;
            }
        }, TimeSpan.FromSeconds(30), "HAProxy answers through a ready node");
        return balancer;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
