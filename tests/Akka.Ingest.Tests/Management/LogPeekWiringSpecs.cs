using System.Net.Http.Json;
using Akka.Ingest.Pipeline.Management;
using Akka.Ingest.Testing;

namespace Akka.Ingest.Tests.Management;

/// <summary>
/// The host's own log reaches its ring. ASP.NET and Akka log through Serilog's static logger, which the last
/// host started in a process takes over; in <see cref="IngestHostCollection"/> no other host starts meanwhile.
/// (In production there is one host per process.)
/// </summary>
[Collection(IngestHostCollection.Name)]
public sealed class LogPeekWiringSpecs
{

    [Fact]
    public async Task Should_keep_the_hosts_own_log_lines()
    {
        await using var host = await ManagementHost.StartAsync(new InMemoryCounterStore());

        var peek = await host.Management.GetFromJsonAsync<LogPeekView>("/admin/logs?n=1000", ManagementHost.Json);

        var running = Assert.Single(peek!.Lines, l => l.Message.StartsWith("Ingest pipeline running", StringComparison.Ordinal));
        Assert.Equal("Akka.Ingest.Pipeline.Ingestion.IngestPipelineService", running.Source);
        Assert.Contains("store in-memory", running.Message);
        Assert.DoesNotContain("\"", running.Message);
    }
}
