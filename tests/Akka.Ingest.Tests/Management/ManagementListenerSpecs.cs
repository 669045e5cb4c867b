using System.Net;
using System.Text.Json;
using Akka.Ingest.Pipeline.Management;
using Akka.Ingest.Stores;
using Akka.Ingest.Testing;
using Akka.Ingest.Tests.Http;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Akka.Ingest.Tests.Management;

/// <summary>
/// Management (<c>/admin</c>, the dashboard) on a listener of its own (<c>Management:Host</c>:<c>Port</c>, loopback
/// by default), the public listener without it, and the management listener's <c>Host</c> check against
/// DNS rebinding. Each host gets a free management port.
/// </summary>
[Collection(IngestHostCollection.Name)]
public sealed class ManagementListenerSpecs
{
    private static readonly string[] AdminPaths =
        ["/admin/system", "/admin/pipeline", "/admin/actors", "/admin/logs", "/admin/config", "/admin/domains/a.example", "/admin/dashboard", "/admin/dashboard/dashboard.js"];

    [Fact]
    public async Task Should_serve_admin_and_the_dashboard_on_the_management_listener_only()
    {
        await using var host = await StartAsync();

        foreach (var path in AdminPaths)
        {
            Assert.Equal(HttpStatusCode.OK, (await host.Management.GetAsync(path)).StatusCode);
            var onPublic = await host.Client.GetAsync(path);
            Assert.True(onPublic.StatusCode == HttpStatusCode.NotFound, $"{path} on the public port: {(int)onPublic.StatusCode}");
        }
    }

    [Fact]
    public async Task Should_keep_the_cluster_endpoints_with_the_rest_of_admin()
    {
        await using var host = await StartAsync();

        // Not clustered: the management listener answers the endpoint itself (its own 404 problem), the public one knows no such path.
        using var onManagement = JsonDocument.Parse(await (await host.Management.GetAsync("/admin/cluster")).Content.ReadAsStringAsync());
        using var onPublic = JsonDocument.Parse(await (await host.Client.GetAsync("/admin/cluster")).Content.ReadAsStringAsync());
        Assert.Equal("Not clustered", onManagement.RootElement.GetProperty("title").GetString());
        Assert.Equal("Not Found", onPublic.RootElement.GetProperty("title").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await host.Client.GetAsync("/admin/cluster/sharding")).StatusCode);
    }

    [Fact]
    public async Task Should_serve_health_and_metrics_on_both_listeners_and_the_public_api_on_the_public_one_only()
    {
        await using var host = await StartAsync();

        foreach (var client in new[] { host.Client, host.Management })
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/metrics")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await host.Management.PutAsync("/events/mgmt.example/delivered", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await host.Management.GetAsync("/domains/mgmt.example")).StatusCode);
        using var counts = JsonDocument.Parse(await host.Client.GetStringAsync("/domains/mgmt.example"));
        Assert.Equal(0, counts.RootElement.GetProperty("delivered").GetInt64());
    }

    [Theory]
    [InlineData("evil.example")]
    [InlineData("evil.example:{port}")]
    [InlineData("127.0.0.1.evil.example:{port}")]
    public async Task Should_refuse_a_dns_rebound_host_name_on_the_management_listener(string hostHeader)
    {
        await using var host = await StartAsync();

        foreach (var path in new[] { "/admin/system", "/admin/dashboard", "/health/ready" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Host = hostHeader.Replace("{port}", host.ManagementAddress.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
            var response = await host.Management.SendAsync(request);

            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains("Management:AllowedHosts", await response.Content.ReadAsStringAsync());
        }
    }

    [Theory]
    [InlineData("localhost")]
    [InlineData("127.0.0.1")]
    [InlineData("[::1]")]
    [InlineData("LOCALHOST")]
    public async Task Should_answer_the_loopback_names_on_the_management_listener(string name)
    {
        await using var host = await StartAsync();

        using var request = new HttpRequestMessage(HttpMethod.Get, "/admin/system");
        request.Headers.Host = $"{name}:{host.ManagementAddress.Port}";

        Assert.Equal(HttpStatusCode.OK, (await host.Management.SendAsync(request)).StatusCode);
    }

    [Fact]
    public async Task Should_answer_a_name_added_to_management_allowed_hosts()
    {
        await using var host = await StartAsync("--Management:AllowedHosts=localhost;ops.internal");

        Assert.Equal(HttpStatusCode.OK, (await GetWithHostAsync(host.Management, "/admin/system", "ops.internal")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await GetWithHostAsync(host.Management, "/admin/system", "127.0.0.1")).StatusCode);
    }

    [Fact]
    public async Task Should_answer_the_public_api_under_any_host_name()
    {
        await using var host = await StartAsync();

        Assert.Equal(HttpStatusCode.OK, (await GetWithHostAsync(host.Client, "/domains/any.example", "ingest.example.net")).StatusCode);
    }

    [Fact]
    public async Task Should_bind_the_management_listener_on_loopback_by_default()
    {
        await using var host = await StartAsync();

        var bound = host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        Assert.Contains($"http://127.0.0.1:{host.ManagementAddress.Port}", bound);
        Assert.Equal(2, bound.Count);
    }

    [Fact]
    public async Task Should_bind_every_interface_when_widened_with_a_token()
    {
        await using var host = await StartAsync("--Management:Host=0.0.0.0", "--Management:Token=wide-listener-token-8f3a91c2d7e4");

        var bound = host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        Assert.Contains($"http://0.0.0.0:{host.ManagementAddress.Port}", bound);
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.Management.GetAsync("/admin/system")).StatusCode);
    }

    [Fact]
    public async Task Should_name_both_listeners_in_the_startup_line()
    {
        await using var host = await StartAsync();

        var logs = await host.Management.GetStringAsync("/admin/logs?n=200");
        Assert.Contains($"Akka.Ingest listening on {host.Address.ToString().TrimEnd('/')} with store", logs);
        Assert.Contains($"management on http://127.0.0.1:{host.ManagementAddress.Port}", logs);
    }

    [Fact]
    public async Task Should_not_serve_admin_on_a_test_server_which_has_no_management_listener()
    {
        await using var factory = new IngestApiFactory();
        using var client = factory.CreateClient();

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/admin/system")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
    }

    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("localhost", true)]
    [InlineData("::1", true)]
    [InlineData("127.0.0.2", true)]
    [InlineData("0.0.0.0", false)]
    [InlineData("::", false)]
    [InlineData("192.0.2.10", false)]
    public void Should_tell_a_loopback_management_host_from_a_widened_one(string address, bool loopback) =>
        Assert.Equal(loopback, new ManagementOptions { Host = address }.IsLoopbackOnly);

    [Fact]
    public void Should_default_to_pbms_port_on_loopback_where_ingestctl_looks()
    {
        var defaults = new ManagementOptions();

        Assert.Equal(9110, defaults.Port);
        Assert.Equal(new Uri(Akka.Ingest.Ctl.CtlTarget.DefaultAddress), new Uri(defaults.ListenerUrl));
    }

    private static Task<HttpResponseMessage> GetWithHostAsync(HttpClient client, string path, string hostName)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Host = hostName;
        return client.SendAsync(request);
    }

    private static Task<IngestHost> StartAsync(params string[] args) =>
        IngestHost.StartAsync(args, services => services.AddSingleton<ICounterStore>(new InMemoryCounterStore()));
}
