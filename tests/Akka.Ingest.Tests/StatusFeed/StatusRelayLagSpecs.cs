using System.Net;
using System.Text.Json;
using Akka.Ingest.Testing;
using Akka.Ingest.Tests.Management;

namespace Akka.Ingest.Tests.StatusFeed;

/// <summary>The relay's lag (outbox entries not yet journaled) in <c>/admin/pipeline</c> and <c>/metrics</c>.</summary>
[Collection(IngestHostCollection.Name)]
public sealed class StatusRelayLagSpecs
{
    [Fact]
    public async Task Should_show_transitions_waiting_for_a_relay_that_has_not_polled_yet()
    {
        // The relay polls once when it starts, then not again for an hour, signalled or not: what follows waits in the outbox.
        await using var host = await IngestHost.StartAsync(
            ["--threshold", "1", "--Ingest:StatusFeed:PollInterval=01:00:00", "--Ingest:StatusFeed:IdlePollInterval=01:00:00"]);
        await Eventually.TrueAsync(() => RelayOf(host).Result is { ValueKind: JsonValueKind.Object }, TimeSpan.FromSeconds(20), "the relay answers");
        foreach (var domain in new[] { "lag1.example", "lag2.example", "lag3.example" })
            Assert.Equal(HttpStatusCode.NoContent, (await host.Client.PutAsync($"/events/{domain}/bounced", null)).StatusCode);

        var relay = await RelayOf(host);

        Assert.Equal(3, relay.GetProperty("pending").GetInt64());
        Assert.Equal(0, relay.GetProperty("journaled").GetInt64());
        Assert.Contains("ingest_status_relay_lag_transitions 3", await host.Client.GetStringAsync("/metrics"));
    }

    [Fact]
    public async Task Should_show_no_relay_where_it_does_not_run()
    {
        await using var host = await IngestHost.StartAsync(["--Ingest:StatusFeed:RunRelay=false"]);

        Assert.Equal(JsonValueKind.Null, (await RelayOf(host)).ValueKind);
        Assert.DoesNotContain("\ningest_status_relay_lag_transitions ", await host.Client.GetStringAsync("/metrics"));
    }

    private static async Task<JsonElement> RelayOf(IngestHost host)
    {
        using var stats = JsonDocument.Parse(await host.Management.GetStringAsync("/admin/pipeline"));
        return stats.RootElement.GetProperty("statusRelay").Clone();
    }
}
