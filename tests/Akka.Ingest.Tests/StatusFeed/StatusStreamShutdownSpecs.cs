using System.Diagnostics;
using Akka.Ingest.Testing;

namespace Akka.Ingest.Tests.StatusFeed;

/// <summary>An open SSE client must not hold the host's shutdown (and so cut the drain short).</summary>
public sealed class StatusStreamShutdownSpecs
{
    /// <summary>The generic host's default shutdown timeout; an SSE client used to hold shutdown this long.</summary>
    private static readonly TimeSpan HostShutdownTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Should_stop_well_within_the_shutdown_timeout_while_an_sse_client_stays_connected()
    {
        await using var host = await IngestHost.StartOnTemporarySqliteAsync();
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await using var client = await SseReader.ConnectAsync(host.Client, "/domains/changes/stream", lastEventId: null, cancel.Token);

        var stopping = Stopwatch.StartNew();
        await host.StopAsync();
        stopping.Stop();

        Assert.True(stopping.Elapsed < HostShutdownTimeout / 6,
            $"The host took {stopping.Elapsed.TotalSeconds:F1} s to stop with an SSE client open (shutdown timeout {HostShutdownTimeout.TotalSeconds} s).");
        await Assert.ThrowsAnyAsync<Exception>(() => client.NextAsync(cancel.Token));
    }
}
