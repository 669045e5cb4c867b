using System.Collections.Concurrent;
using Akka.Ingest.Pipeline.Config;
using Akka.Ingest.StatusFeed;
using Akka.Ingest.Stores;
using Akka.Ingest.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Akka.Ingest.IntegrationTests.Cluster;

/// <summary>
/// The status relay is a singleton on the nodes that may run it: the oldest node saying <c>RunRelay=false</c> must not
/// stop the feed for the cluster (audit finding 8); the singleton relay takes the same options as a plain host's.
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

    [Fact]
    public async Task Should_read_the_outbox_in_pages_of_the_configured_page_size()
    {
        var outbox = new PageRecordingOutbox();
        await using var cluster = await ClusterNodes.StartAsync(
            await postgres.Server.CreateDatabaseAsync("relaypage"), 1,
            _ => services => services.AddSingleton<IStatusOutbox>(sp => outbox.Around(sp.GetRequiredService<ICounterStore>())),
            "--threshold", "1", "--Ingest:StatusFeed:PageSize=3", "--Ingest:StatusFeed:PollInterval=00:00:00.050");

        for (var i = 0; i < 5; i++)
            Assert.Equal(System.Net.HttpStatusCode.NoContent, (await cluster.Hosts[0].Client.PutAsync($"/events/page{i}.example/bounced", null)).StatusCode);

        await ClusterNodes.EventuallyAsync(
            async () => (await ClusterProcesses.ReadFeedAsync(cluster.Hosts[0].Address)).Count == 5,
            TimeSpan.FromSeconds(30),
            () => "five transitions in the feed");
        Assert.Equal([3], outbox.Limits.Distinct());
    }

    /// <summary>The store's outbox, recording the page size of every read.</summary>
    private sealed class PageRecordingOutbox : IStatusOutbox
    {
        private readonly ConcurrentQueue<int> _limits = new();
        private IStatusOutbox? _inner;

        public IReadOnlyCollection<int> Limits => _limits;

        public PageRecordingOutbox Around(ICounterStore store)
        {
            _inner = (IStatusOutbox)store;
            return this;
        }

        public Task<IReadOnlyList<OutboxEntry>> ReadOldestAsync(int limit, CancellationToken cancellationToken)
        {
            _limits.Enqueue(limit);
            return _inner!.ReadOldestAsync(limit, cancellationToken);
        }

        public Task DeleteAsync(IReadOnlyCollection<long> ids, CancellationToken cancellationToken) => _inner!.DeleteAsync(ids, cancellationToken);

        public Task<long> CountAsync(CancellationToken cancellationToken) => _inner!.CountAsync(cancellationToken);
    }
}
