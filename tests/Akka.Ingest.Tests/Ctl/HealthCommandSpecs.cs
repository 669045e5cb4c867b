using System.Net;
using System.Net.Sockets;
using Akka.Ingest.Ctl;
using Akka.Ingest.Stores;
using Akka.Ingest.Testing;
using Akka.Ingest.Tests.Management;
using Microsoft.Extensions.DependencyInjection;

namespace Akka.Ingest.Tests.Ctl;

/// <summary><c>ingestctl health</c>, the container's health check: 0 ready, 1 not ready, 2 unreachable.</summary>
[Collection(IngestHostCollection.Name)]
public sealed class HealthCommandSpecs(CtlHostFixture fixture) : IClassFixture<CtlHostFixture>
{
    [Fact]
    public async Task Should_exit_0_when_the_host_is_ready()
    {
        var (exitCode, output) = await CapturedConsole.RunAsync(fixture.Host.ManagementAddress.Authority, "health");

        Assert.Equal(ExitCodes.Ok, exitCode);
        Assert.Equal("ready", output.Trim());
    }

    [Fact]
    public async Task Should_exit_1_naming_the_failing_check_when_the_store_is_down()
    {
        var store = new OutageCounterStore(new InMemoryCounterStore());
        await using var host = await IngestHost.StartAsync([], services => services.AddSingleton<ICounterStore>(store));
        store.Down = true;

        var (exitCode, output) = await CapturedConsole.RunAsync(host.ManagementAddress.Authority, "health");

        Assert.Equal(ExitCodes.HostError, exitCode);
        Assert.StartsWith("not ready: HTTP 503", output);
        Assert.Contains("store Unhealthy", output);
    }

    [Fact]
    public async Task Should_exit_2_when_nothing_answers()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var (exitCode, output) = await CapturedConsole.RunAsync($"127.0.0.1:{port}", "health");

        Assert.Equal(ExitCodes.UsageOrUnreachable, exitCode);
        Assert.StartsWith("cannot reach", output);
    }
}
