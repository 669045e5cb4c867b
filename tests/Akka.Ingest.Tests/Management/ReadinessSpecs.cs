using System.Net;
using System.Text.Json;
using Akka.Ingest.Pipeline.Config;
using Akka.Ingest.Pipeline.Health;
using Akka.Ingest.Pipeline.Ingestion;
using Akka.Ingest.Testing;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Akka.Ingest.Tests.Management;

/// <summary><c>/health/live</c> and <c>/health/ready</c> while the store fails and after it recovers.</summary>
[Collection(IngestHostCollection.Name)]
public sealed class ReadinessSpecs
{
    [Fact]
    public async Task Should_turn_unready_while_the_store_is_down_and_ready_again_after()
    {
        var store = new OutageCounterStore(new InMemoryCounterStore());
        await using var host = await ManagementHost.StartAsync(store);

        var ready = await ReadyAsync(host);
        Assert.Equal(HttpStatusCode.OK, ready.Status);
        Assert.Equal("Healthy", ready.Checks["store"]);
        Assert.Equal("Healthy", ready.Checks["pipeline"]);

        store.Down = true;
        var down = await ReadyAsync(host);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, down.Status);
        Assert.Equal("Unhealthy", down.Checks["store"]);
        Assert.Equal("Healthy", down.Checks["pipeline"]);
        Assert.Equal(HttpStatusCode.OK, (await host.Client.GetAsync("/health/live")).StatusCode);

        store.Down = false;
        Assert.Equal(HttpStatusCode.OK, (await ReadyAsync(host)).Status);
    }

    [Fact]
    public async Task Should_not_reveal_the_store_address_or_its_error_text_on_the_public_readiness()
    {
        var store = new OutageCounterStore(new InMemoryCounterStore());
        await using var host = await ManagementHost.StartAsync(store);

        var healthy = await host.Client.GetStringAsync("/health/ready");
        store.Down = true;
        var down = await host.Client.GetAsync("/health/ready");
        var unhealthy = await down.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, down.StatusCode);
        foreach (var body in new[] { healthy, unhealthy })
        {
            Assert.DoesNotContain(store.Description, body, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(OutageCounterStore.OutageMessage, body, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task Should_not_be_ready_while_the_stream_does_not_run()
    {
        var options = new IngestOptions();
        var counters = new IngestCounters(options.Partitions);
        var check = new PipelineHealthCheck(new IngestStream(new IngestAdmission(options, counters), counters, new NodeIdentity("spec"), options), counters);

        var result = await check.CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
    }

    private static async Task<(HttpStatusCode Status, Dictionary<string, string> Checks)> ReadyAsync(IngestHost host)
    {
        var response = await host.Client.GetAsync("/health/ready");
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var checks = json.RootElement.GetProperty("checks").EnumerateArray()
            .ToDictionary(c => c.GetProperty("name").GetString()!, c => c.GetProperty("status").GetString()!);
        return (response.StatusCode, checks);
    }
}
