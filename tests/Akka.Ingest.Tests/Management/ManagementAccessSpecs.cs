using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Akka.Ingest.Ctl;
using Akka.Ingest.Pipeline.Management;
using Akka.Ingest.Stores;
using Akka.Ingest.Testing;
using Akka.Ingest.Tests.Ctl;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Akka.Ingest.Tests.Management;

/// <summary>
/// <c>/admin</c> (on the management listener) is open to loopback callers and, beyond loopback, only with the
/// configured token. The host listens on loopback; a startup filter makes each request look as if it came from
/// 192.0.2.10 (TEST-NET-1), as it would through a reverse proxy.
/// </summary>
[Collection(IngestHostCollection.Name)]
public sealed class ManagementAccessSpecs
{
    private const string Token = "s3cret-token";
    private static readonly IPAddress Remote = IPAddress.Parse("192.0.2.10");

    [Fact]
    public async Task Should_refuse_a_remote_caller_without_the_token_with_401_and_a_problem()
    {
        await using var host = await StartAsync(Remote, $"--Management:Token={Token}");

        foreach (var authorization in new[] { null, "Bearer wrong-token", $"Basic {Token}", "Bearer " })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/admin/pipeline");
            if (authorization is not null)
                request.Headers.TryAddWithoutValidation("Authorization", authorization);
            var response = await host.Management.SendAsync(request);

            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
            using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.Equal(401, problem.RootElement.GetProperty("status").GetInt32());
        }
    }

    [Fact]
    public async Task Should_serve_a_remote_caller_with_the_token()
    {
        await using var host = await StartAsync(Remote, $"--Management:Token={Token}");
        host.Management.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);

        foreach (var path in new[] { "/admin/actors", "/admin/system", "/admin/pipeline", "/admin/logs", "/admin/domains/a.example", "/admin/config" })
            Assert.Equal(HttpStatusCode.OK, (await host.Management.GetAsync(path)).StatusCode);
    }

    [Fact]
    public async Task Should_refuse_every_remote_caller_when_no_token_is_configured()
    {
        await using var host = await StartAsync(Remote);
        host.Management.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "anything");

        var response = await host.Management.GetAsync("/admin/actors");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("Management:Token", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Should_leave_the_public_api_health_and_metrics_open_to_remote_callers()
    {
        await using var host = await StartAsync(Remote, $"--Management:Token={Token}");

        Assert.Equal(HttpStatusCode.NoContent, (await host.Client.PutAsync("/events/open.example/delivered", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.Client.GetAsync("/domains/open.example")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.Client.GetAsync("/health/ready")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.Client.GetAsync("/metrics")).StatusCode);
    }

    [Fact]
    public async Task Should_require_the_configured_token_from_a_loopback_caller_too()
    {
        await using var host = await StartAsync(IPAddress.Loopback, $"--Management:Token={Token}");

        Assert.Equal(HttpStatusCode.Unauthorized, (await host.Management.GetAsync("/admin/pipeline")).StatusCode);
        host.Management.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        Assert.Equal(HttpStatusCode.OK, (await host.Management.GetAsync("/admin/pipeline")).StatusCode);
    }

    [Fact]
    public async Task Should_require_the_configured_token_from_a_connection_without_an_ip_peer()
    {
        await using var host = await StartAsync(remote: null, $"--Management:Token={Token}");

        Assert.Equal(HttpStatusCode.Unauthorized, (await host.Management.GetAsync("/admin/pipeline")).StatusCode);
    }

    [Fact]
    public async Task Should_serve_a_loopback_caller_when_no_token_is_configured()
    {
        await using var host = await StartAsync(IPAddress.Loopback);

        Assert.Equal(HttpStatusCode.OK, (await host.Management.GetAsync("/admin/pipeline")).StatusCode);
    }

    [Theory]
    [InlineData("s3cret-token", true)]
    [InlineData("s3cret-tokem", false)]
    [InlineData("s3cret", false)]
    [InlineData("s3cret-token-and-more", false)]
    [InlineData("", false)]
    public void Should_match_only_the_exact_token(string offered, bool matches) =>
        Assert.Equal(matches, ManagementAccessFilter.TokenMatches(offered, Token));

    [Fact]
    public async Task Should_let_ingestctl_pass_the_token()
    {
        await using var host = await StartAsync(Remote, $"--Management:Token={Token}");
        var url = host.ManagementAddress.ToString();

        var (refused, refusal) = await CapturedConsole.RunAsync("actor", "system", "--url", url);
        var (allowed, output) = await CapturedConsole.RunAsync("actor", "system", "--url", url, "--token", Token);

        Assert.Equal(ExitCodes.HostError, refused);
        Assert.Contains("401 Unauthorized", refusal);
        Assert.Equal(ExitCodes.Ok, allowed);
        Assert.Contains("akka-ingest", output);
    }

    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("127.10.0.1", true)]
    [InlineData("::1", true)]
    [InlineData("::ffff:127.0.0.1", true)]
    [InlineData("192.0.2.10", false)]
    [InlineData("::ffff:192.0.2.10", false)]
    [InlineData("2001:db8::1", false)]
    public void Should_treat_only_loopback_addresses_as_local(string address, bool local) =>
        Assert.Equal(local, ManagementAccessFilter.IsLocal(IPAddress.Parse(address)));

    [Fact]
    public void Should_treat_a_connection_without_an_ip_peer_as_local() =>
        Assert.True(ManagementAccessFilter.IsLocal(null));

    private static Task<IngestHost> StartAsync(IPAddress? remote, params string[] args) =>
        IngestHost.StartAsync(args, services =>
        {
            services.AddSingleton<ICounterStore>(new InMemoryCounterStore());
            if (remote is not null)
                services.AddSingleton<IStartupFilter>(new RemoteAddressStartupFilter(remote));
        });
}
