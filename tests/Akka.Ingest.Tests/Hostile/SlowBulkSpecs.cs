using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Akka.Ingest.Testing;

namespace Akka.Ingest.Tests.Hostile;

/// <summary>
/// A bulk slot is held while its body arrives, so the body's arrival has a deadline (<c>Ingest:BulkReadTimeout</c>):
/// a client trickling a chunked body (no <c>Content-Length</c>, faster than Kestrel's 240 B/s minimum rate) cannot
/// keep the slot, and with it every other bulk, for the days a 64 MiB body would take.
/// </summary>
public sealed class SlowBulkSpecs : IAsyncLifetime
{
    private IngestHost _host = null!;

    public async Task InitializeAsync() =>
        _host = await IngestHost.StartOnTemporarySqliteAsync(
            "--Ingest:MaxConcurrentBulks=1", "--Ingest:BulkReadTimeout=00:00:01", "--Ingest:RequestTimeout=00:00:03");

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Should_cut_off_a_trickled_body_at_the_read_deadline_and_free_its_slot()
    {
        using var slow = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await slow.ConnectAsync(IPAddress.Loopback, _host.Address.Port);
        await slow.SendAsync(Encoding.ASCII.GetBytes(
            "POST /events HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-ndjson\r\nTransfer-Encoding: chunked\r\n\r\n"));
        using var stop = new CancellationTokenSource();
        var trickle = TrickleAsync(slow, stop.Token);
        var answer = ReadAnswerAsync(slow);
        try
        {
            // The slow body has the only slot by now: it has been sending for 300 ms.
            await Task.Delay(300);
            var started = Stopwatch.GetTimestamp();
            using var content = new StringContent("{\"domain\":\"after-slow.example\",\"kind\":\"delivered\"}\n", Encoding.UTF8, "application/x-ndjson");
            var response = await _host.Client.PostAsync("/events", content);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.True(Stopwatch.GetElapsedTime(started) < TimeSpan.FromSeconds(2.5), "the bulk waited for the slot past the read deadline");
            var refused = await answer.WaitAsync(TimeSpan.FromSeconds(10));
            Assert.StartsWith("HTTP/1.1 408", refused);
            Assert.Contains("nothing was counted", refused);
        }
        finally
        {
            await stop.CancelAsync();
            await trickle;
        }
    }

    /// <summary>300 bytes every 100 ms: 3 kB/s, well above Kestrel's minimum body rate.</summary>
    private static async Task TrickleAsync(Socket socket, CancellationToken cancellationToken)
    {
        var chunk = Encoding.ASCII.GetBytes("12c\r\n" + new string(' ', 300) + "\r\n");
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                await socket.SendAsync(chunk, cancellationToken);
                await Task.Delay(100, cancellationToken);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException)
        {
            // Stopped by the spec, or the host closed the connection: either ends the trickle.
        }
    }

    private static async Task<string> ReadAnswerAsync(Socket socket)
    {
        var received = new StringBuilder();
        var buffer = new byte[4096];
        try
        {
            while (true)
            {
                var read = await socket.ReceiveAsync(buffer);
                if (read == 0)
                    break;
                received.Append(Encoding.UTF8.GetString(buffer, 0, read));
                if (received.ToString().Contains("nothing was counted", StringComparison.Ordinal))
                    break;
            }
        }
        catch (SocketException)
        {
            // A reset after the answer: what arrived is the answer.
        }
        return received.ToString();
    }
}
