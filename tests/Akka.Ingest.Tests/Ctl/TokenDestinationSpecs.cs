using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Akka.Ingest.Tests.Ctl;

/// <summary>
/// Where ingestctl sends a token: <c>$INGESTCTL_TOKEN</c> sits in a shell's environment for every command, so it goes
/// only to a loopback address (the host's default listener); a token for any other address must be given with
/// <c>--token</c>. The far address is reached through a recording HTTP proxy on loopback (<c>HTTP_PROXY</c>), so
/// the spec sees exactly the request ingestctl would have sent over the network.
/// </summary>
public sealed class TokenDestinationSpecs
{
    private const string FarAddress = "http://192.0.2.10:9110";

    [Fact]
    public async Task Should_not_send_the_environment_token_to_an_address_beyond_loopback()
    {
        var request = await SendThroughProxyAsync(env => env["INGESTCTL_TOKEN"] = "environment-token-0123456789abcdef", FarAddress, "config", "show");

        Assert.StartsWith("GET http://192.0.2.10:9110/admin/config", request);
        Assert.DoesNotContain("environment-token", request);
        Assert.DoesNotContain("Authorization", request, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Should_send_an_explicit_token_to_the_address_it_was_given_for()
    {
        var request = await SendThroughProxyAsync(_ => { }, FarAddress, "config", "show", "--token", "explicit-token-0123456789abcdef");

        Assert.Contains("Authorization: Bearer explicit-token-0123456789abcdef", request, StringComparison.OrdinalIgnoreCase);
    }

    private static async Task<string> SendThroughProxyAsync(Action<Dictionary<string, string?>> environment, params string[] args)
    {
        using var proxy = new TcpListener(IPAddress.Loopback, 0);
        proxy.Start();
        var env = new Dictionary<string, string?>
        {
            ["HTTP_PROXY"] = $"http://127.0.0.1:{((IPEndPoint)proxy.LocalEndpoint).Port}",
            ["http_proxy"] = null,
            ["NO_PROXY"] = null,
            ["no_proxy"] = null,
        };
        environment(env);
        var run = Task.Run(() => IngestctlProcess.Run(env, args));

        using var client = await proxy.AcceptTcpClientAsync().WaitAsync(TimeSpan.FromSeconds(30));
        var stream = client.GetStream();
        var received = new StringBuilder();
        var buffer = new byte[4096];
        while (!received.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
        {
            var read = await stream.ReadAsync(buffer).AsTask().WaitAsync(TimeSpan.FromSeconds(30));
            if (read == 0)
                break;
            received.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }
        await stream.WriteAsync("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 15\r\nConnection: close\r\n\r\n{\"settings\":{}}"u8.ToArray());
        client.Close();
        await run.WaitAsync(TimeSpan.FromSeconds(30));
        return received.ToString();
    }
}
