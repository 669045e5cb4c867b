using System.Diagnostics;

namespace Akka.Ingest.IntegrationTests.Cluster;

/// <summary>
/// A Linux network namespace of the spec's own, joined to the host's namespace by two veth pairs on a /24 the
/// spec picks from 10.213.0.0/16: the <i>cluster link</i> (host side .1, namespace side .2), which
/// <see cref="Cut"/> blackholes inside the namespace, and the <i>API link</i> (host side .5, namespace side .6),
/// which stays up so the spec can keep talking HTTP to the node inside. A Unix socket is not namespaced, so a
/// node inside still reaches a PostgreSQL server listening on one. Needs root and iproute2's <c>ip</c>; everything
/// is deleted on dispose, also after a failed start. Only addresses assigned here are ever routed.
/// </summary>
public sealed class NetworkNamespace : IAsyncDisposable
{
    private readonly string _id;
    private bool _cut;

    private NetworkNamespace(string id, int subnet)
    {
        _id = id;
        Name = $"ingest-split-{id}";
        var prefix = $"10.213.{subnet}.";
        HostClusterAddress = prefix + "1";
        InsideClusterAddress = prefix + "2";
        HostApiAddress = prefix + "5";
        InsideApiAddress = prefix + "6";
    }

    public string Name { get; }

    /// <summary>The host namespace's end of the cluster link: nodes outside give remoting this address.</summary>
    public string HostClusterAddress { get; }

    /// <summary>The namespace's end of the cluster link: the node inside gives remoting this address.</summary>
    public string InsideClusterAddress { get; }

    public string HostApiAddress { get; }

    /// <summary>The node inside listens for HTTP here.</summary>
    public string InsideApiAddress { get; }

    /// <summary><c>ip netns exec NAME</c>: runs a command inside.</summary>
    public IReadOnlyList<string> Launcher => ["ip", "netns", "exec", Name];

    private string HostClusterLink => $"isc{_id}h";

    private string InsideClusterLink => $"isc{_id}n";

    private string HostApiLink => $"isa{_id}h";

    private string InsideApiLink => $"isa{_id}n";

    public static async Task<NetworkNamespace> CreateAsync()
    {
        var id = Guid.NewGuid().ToString("N")[..6];
        var space = new NetworkNamespace(id, Random.Shared.Next(1, 255));
        try
        {
            await RunAsync("ip", "netns", "add", space.Name);
            await space.InsideAsync("ip", "link", "set", "lo", "up");
            await space.LinkAsync(space.HostClusterLink, space.InsideClusterLink, space.HostClusterAddress, space.InsideClusterAddress);
            await space.LinkAsync(space.HostApiLink, space.InsideApiLink, space.HostApiAddress, space.InsideApiAddress);
        }
        catch
        {
            await space.DisposeAsync();
            throw;
        }
        return space;
    }

    /// <summary>
    /// Cuts the cluster link: inside, the host end becomes a blackhole route, so nothing inside reaches the nodes
    /// outside and nothing they send is answered; the API link and Unix sockets still work.
    /// </summary>
    public async Task Cut()
    {
        await InsideAsync("ip", "route", "add", "blackhole", HostClusterAddress + "/32");
        _cut = true;
    }

    public async Task Heal()
    {
        await InsideAsync("ip", "route", "del", "blackhole", HostClusterAddress + "/32");
        _cut = false;
    }

    public async ValueTask DisposeAsync()
    {
        // Deleting one end of a veth pair deletes both; deleting the namespace deletes what is left inside.
        foreach (var command in new[]
                 {
                     _cut ? new[] { "ip", "netns", "exec", Name, "ip", "route", "del", "blackhole", HostClusterAddress + "/32" } : null,
                     new[] { "ip", "link", "del", HostClusterLink },
                     new[] { "ip", "link", "del", HostApiLink },
                     new[] { "ip", "netns", "del", Name },
                 })
        {
            if (command is not null)
                await TryRunAsync(command);
        }
    }

    private async Task LinkAsync(string hostEnd, string insideEnd, string hostAddress, string insideAddress)
    {
        await RunAsync("ip", "link", "add", hostEnd, "type", "veth", "peer", "name", insideEnd);
        await RunAsync("ip", "link", "set", insideEnd, "netns", Name);
        await RunAsync("ip", "addr", "add", hostAddress + "/30", "dev", hostEnd);
        await RunAsync("ip", "link", "set", hostEnd, "up");
        await InsideAsync("ip", "addr", "add", insideAddress + "/30", "dev", insideEnd);
        await InsideAsync("ip", "link", "set", insideEnd, "up");
    }

    private Task<string> InsideAsync(params string[] command) => RunAsync(["ip", "netns", "exec", Name, .. command]);

    private static async Task TryRunAsync(string[] command)
    {
        try
        {
            await RunAsync(command);
        }
        catch (InvalidOperationException)
        {
            // already gone
        }
    }

    private static async Task<string> RunAsync(params string[] command)
    {
        var info = new ProcessStartInfo(command[0]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in command.Skip(1))
            info.ArgumentList.Add(argument);
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {command[0]}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"`{string.Join(' ', command)}` exited with {process.ExitCode}: {(await stderr).Trim()}");
        return await stdout;
    }
}
