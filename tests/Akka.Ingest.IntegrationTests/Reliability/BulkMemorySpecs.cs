using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using Akka.Ingest.Testing;
using Xunit.Abstractions;

namespace Akka.Ingest.IntegrationTests.Reliability;

/// <summary>
/// Bulk memory measured on the host process alone (its own process, so the clients' buffers are not counted):
/// a declared length is not an allocation, and concurrent maximum-size bodies stay within a stated bound.
/// </summary>
public sealed class BulkMemorySpecs(ITestOutputHelper output) : IAsyncLifetime
{
    private const long MiB = 1 << 20;
    private readonly string _database = Path.Combine(Path.GetTempPath(), $"akka-ingest-spec-{Guid.NewGuid():N}.db");
    private HostProcess _host = null!;

    public async Task InitializeAsync() =>
        _host = await HostProcess.StartAsync(
            ["--Ingest:Store:ConnectionString=Data Source=" + _database, "--Ingest:QueueCapacity=10000000", "--Ingest:RequestTimeout=00:01:00"],
            TimeSpan.FromSeconds(60));

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        foreach (var file in new[] { _database, _database + "-wal", _database + "-shm" })
            File.Delete(file);
    }

    [Fact]
    public async Task Should_not_allocate_for_a_declared_length_before_refusing_it()
    {
        using var client = new HttpClient { BaseAddress = _host.Address };
        var before = await GcHeapAsync(client);

        for (var i = 0; i < 4; i++)
            Assert.Equal(413, await HeaderOnlyPostAsync(_host.Address, 2_000_000_000));

        var after = await GcHeapAsync(client);
        output.WriteLine($"GC heap {before / MiB} MiB before, {after / MiB} MiB after four header-only 2 GB requests");
        Assert.True(after - before < 64 * MiB, $"The host's GC heap grew by {(after - before) / MiB} MiB.");
    }

    [Fact]
    public async Task Should_keep_the_host_under_1_GiB_resident_with_8_concurrent_64_MiB_bodies()
    {
        var body = NdjsonBody(64 * MiB - 1024);
        using var client = new HttpClient { BaseAddress = _host.Address, Timeout = TimeSpan.FromMinutes(5) };
        var baseline = _host.Memory().Resident;

        var posts = Enumerable.Range(0, 8).Select(async _ =>
        {
            var content = new ByteArrayContent(body);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/x-ndjson");
            return (await client.PostAsync("/events", content)).StatusCode;
        }).ToArray();
        var peak = 0L;
        while (!Task.WhenAll(posts).IsCompleted)
        {
            peak = Math.Max(peak, _host.Memory().Resident);
            await Task.Delay(20);
        }
        var statuses = await Task.WhenAll(posts);
        peak = Math.Max(peak, _host.Memory().Peak);

        output.WriteLine($"host RSS {baseline / MiB} MiB before, peak {peak / MiB} MiB; answers {string.Join(",", statuses)}");
        Assert.All(statuses, s => Assert.Contains(s, new[] { HttpStatusCode.OK, HttpStatusCode.ServiceUnavailable }));
        Assert.Contains(HttpStatusCode.OK, statuses);
        Assert.True(peak < 1024 * MiB, $"The host's resident set peaked at {peak / MiB} MiB.");
    }

    private static byte[] NdjsonBody(long size)
    {
        var body = new byte[size];
        var written = 0;
        for (var i = 0; ; i++)
        {
            var line = Encoding.ASCII.GetBytes($"{{\"domain\":\"d{i % 1000}.example\",\"kind\":\"delivered\"}}\n");
            if (written + line.Length > size)
                break;
            line.CopyTo(body, written);
            written += line.Length;
        }
        body.AsSpan(written).Fill((byte)' ');
        return body;
    }

    /// <summary>Headers only, declaring <paramref name="declared"/> bytes; returns the status code.</summary>
    private static async Task<int> HeaderOnlyPostAsync(Uri address, long declared)
    {
        using var socket = new TcpClient();
        await socket.ConnectAsync(address.Host, address.Port);
        var stream = socket.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(
            $"POST /events HTTP/1.1\r\nHost: {address.Authority}\r\nContent-Type: application/x-ndjson\r\nContent-Length: {declared}\r\n\r\n"));
        using var reader = new StreamReader(stream, Encoding.ASCII);
        var statusLine = await reader.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));
        return int.Parse(statusLine!.Split(' ')[1], CultureInfo.InvariantCulture);
    }

    private static async Task<long> GcHeapAsync(HttpClient client)
    {
        var metrics = await client.GetStringAsync("/metrics");
        var line = metrics.Split('\n').Single(l => l.StartsWith("dotnet_total_memory_bytes ", StringComparison.Ordinal));
        return (long)double.Parse(line.Split(' ')[1], CultureInfo.InvariantCulture);
    }
}
