using System.Net;
using System.Text.Json;
using Akka.Ingest.Testing;

namespace Akka.Ingest.Tests.Cluster;

/// <summary>The embedded default stays one node: no cluster check in readiness, and the cluster endpoints say so.</summary>
public sealed class SingleNodeClusterEndpointSpecs
{
    [Fact]
    public async Task Should_answer_not_clustered_and_keep_readiness_as_before()
    {
        await using var host = await IngestHost.StartOnTemporarySqliteAsync();

        using var cluster = await host.Management.GetAsync("/admin/cluster");
        using var sharding = await host.Management.GetAsync("/admin/cluster/sharding");
        using var ready = JsonDocument.Parse(await host.Client.GetStringAsync("/health/ready"));

        Assert.Equal(HttpStatusCode.NotFound, cluster.StatusCode);
        Assert.Contains("Not clustered", await cluster.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, sharding.StatusCode);
        var checks = ready.RootElement.GetProperty("checks").EnumerateArray().Select(c => c.GetProperty("name").GetString()!).ToArray();
        Assert.Equal<string[]>(["store", "pipeline", "journal"], checks);
    }
}
