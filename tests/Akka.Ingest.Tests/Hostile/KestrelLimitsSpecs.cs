using System.Net;
using System.Net.Sockets;
using System.Text;
using Akka.Ingest.Testing;

namespace Akka.Ingest.Tests.Hostile;

/// <summary>The Kestrel limits shipped in config/appsettings.json hold against oversized and slow requests.</summary>
public sealed class KestrelLimitsSpecs : IAsyncLifetime
{
    private IngestHost _host = null!;

    public async Task InitializeAsync() =>
        _host = await IngestHost.StartOnTemporarySqliteAsync("--Kestrel:Limits:RequestHeadersTimeout=00:00:01");

    public async Task DisposeAsync() => await _host.DisposeAsync();

    /// <summary>
    /// Above the shipped 16 kB limit and below Kestrel's own 32 kB default: the spec fails if the shipped
    /// <c>Kestrel:Limits:MaxRequestHeadersTotalSize</c> is not applied.
    /// </summary>
    [Fact]
    public async Task Should_refuse_headers_larger_than_the_limit_and_count_nothing()
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, "/events/big-header.example/delivered");
        request.Headers.Add("X-Padding", new string('a', 24_000));

        var response = await _host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestHeaderFieldsTooLarge, response.StatusCode);
        Assert.Contains("\"delivered\":0", await _host.Client.GetStringAsync("/domains/big-header.example"));
    }

    [Fact]
    public async Task Should_refuse_more_headers_than_the_limit()
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, "/events/many-headers.example/delivered");
        // 70: over the shipped limit of 64, under Kestrel's own default of 100.
        for (var i = 0; i < 70; i++)
            request.Headers.Add($"X-H{i}", "v");

        var response = await _host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestHeaderFieldsTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Should_drop_a_client_that_sends_its_headers_too_slowly()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, _host.Address.Port));
        await socket.SendAsync(Encoding.ASCII.GetBytes("PUT /events/slow.example/delivered HTTP/1.1\r\nHost: localhost\r\n"));

        // Never finish the headers: the server must give up on its own (RequestHeadersTimeout) and close.
        var buffer = new byte[4096];
        var read = await socket.ReceiveAsync(buffer.AsMemory()).AsTask().WaitAsync(TimeSpan.FromSeconds(20));
        var answer = Encoding.ASCII.GetString(buffer, 0, read);
        Assert.True(read == 0 || answer.StartsWith("HTTP/1.1 408", StringComparison.Ordinal), $"unexpected answer: {answer}");
        Assert.Contains("\"delivered\":0", await _host.Client.GetStringAsync("/domains/slow.example"));
    }
}
