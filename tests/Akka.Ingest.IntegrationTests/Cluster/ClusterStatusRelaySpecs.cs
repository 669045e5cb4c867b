using Akka.Ingest.Pipeline.Config;
using Akka.Ingest.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Akka.Ingest.IntegrationTests.Cluster;

/// <summary>
/// The status relay is a singleton on the nodes that may run it: the oldest node saying <c>RunRelay=false</c> must not
/// stop the feed for the cluster (audit finding 8).
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class ClusterStatusRelaySpecs(PostgresFixture postgres)
{
    [Fact]
    public async Task Should_feed_transitions_when_the_oldest_node_does_not_run_the_relay()
    {
        await using var cluster = await ClusterNodes.StartAsync(
            await postgres.Server.CreateDatabaseAsync("relayrole"), 2,
            // Node 0 is Up on its own before node 1 joins, so it is the oldest member.
            node => node == 0
                ? services => services.PostConfigure<IngestOptions>(o => (o.StatusFeed.RunRelay, o.Cluster.MinimumMembers) = (false, 1))
                : null,
            "--threshold", "5", "--Ingest:StatusFeed:PollInterval=00:00:00.050", "--Ingest:StatusFeed:QueryRefreshInterval=00:00:00.100");

        for (var i = 0; i < 6; i++)
            Assert.Equal(System.Net.HttpStatusCode.NoContent, (await cluster.Hosts[0].Client.PutAsync("/events/relayed.example/delivered", null)).StatusCode);

        List<Pipeline.StatusFeed.StatusChangeView> feed = [];
        await ClusterNodes.EventuallyAsync(
            async () => (feed = await ClusterProcesses.ReadFeedAsync(cluster.Hosts[0].Address)).Count == 1,
            TimeSpan.FromSeconds(30),
            () => $"one transition in the feed; seen {feed.Count}");
        Assert.Equal(("relayed.example", "unknown", "catch-all"), (feed[0].Domain, feed[0].From, feed[0].To));
    }
}
