using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Akka.Actor;
using Akka.Hosting;
using Akka.Ingest.Domain;
using Akka.Ingest.Pipeline.Cluster;
using Akka.Ingest.Pipeline.Config;
using Akka.Ingest.Pipeline.Http;
using Akka.Ingest.Stores;
using Akka.Ingest.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using static Akka.Ingest.Writers.PartitionWriterProtocol;
using Partitioner = Akka.Ingest.Domain.Partitioner;

namespace Akka.Ingest.IntegrationTests.Cluster;

/// <summary>
/// Three in-process nodes in one cluster on one PostgreSQL: they join and place every partition owner; a
/// contribution replayed to a new owner, or written late by a zombie owner after the front end wrote it
/// directly, is applied exactly once (the ledger is keyed by the contribution's origin and sequence).
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PartitionOwnerClusterSpecs(PostgresFixture postgres)
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(10);

    /// <summary>One delivered PUT of every domain on every node, each answered 204.</summary>
    private static async Task PutOnEveryNodeAsync(ClusterNodes cluster, IReadOnlyList<string> domains)
    {
        for (var n = 0; n < cluster.Hosts.Count; n++)
        {
            foreach (var domain in domains)
            {
                var put = await cluster.Hosts[n].Client.PutAsync($"/events/{domain}/delivered", null);
                Assert.True(put.StatusCode == HttpStatusCode.NoContent,
                    $"PUT {domain} on node{n + 1}: {(int)put.StatusCode} {await put.Content.ReadAsStringAsync()}");
            }
        }
    }

    [Fact]
    public async Task Should_join_three_nodes_and_count_puts_sent_to_every_node_once()
    {
        // A generous owner timeout: the first contributions meet cold code (JIT, first association) on two shared
        // cores, and this spec is about the owners answering, not about the fallback (the zombie spec below is).
        await using var cluster = await ClusterNodes.StartAsync(
            await postgres.Server.CreateDatabaseAsync("cluster"), 3, null, "--Ingest:Cluster:OwnerTimeout=00:00:05");

        var domains = Enumerable.Range(0, 48).Select(i => $"d{i}.join.example").ToArray();
        await PutOnEveryNodeAsync(cluster, domains);

        foreach (var domain in domains)
            Assert.Equal((domain, 3L), (domain, (await cluster.Hosts[2].Client.GetFromJsonAsync<DomainView>($"/domains/{domain}"))!.Delivered));
        var membership = ClusterNodes.Inspector(cluster.Hosts[1]).ReadMembership();
        Assert.Equal(3, membership.Members.Count(m => m.Status == "Up"));
        // Every node agrees on the oldest (the coordinator's and the relay's node), one of the three.
        Assert.Contains(membership.Oldest, Enumerable.Range(0, 3).Select(cluster.AddressOf));
        Assert.All(cluster.Hosts, h => Assert.Equal(membership.Oldest, ClusterNodes.Inspector(h).ReadMembership().Oldest));
        // Every node sent contributions to owners (16 partitions over 3 nodes: each front end routes), none fell back.
        Assert.All(cluster.Hosts, h =>
        {
            var counters = h.Services.GetRequiredService<OwnerRouting>().Counters;
            Assert.True(counters.RoutedTotal > 0, $"routed {counters.RoutedTotal}, fallbacks {counters.FallbacksTotal}");
            Assert.Equal(0, counters.FallbacksTotal);
        });
    }

    [Fact]
    public async Task Should_count_through_each_nodes_own_lanes_and_start_no_owner_region_without_owner_routing()
    {
        await using var cluster = await ClusterNodes.StartAsync(
            await postgres.Server.CreateDatabaseAsync("cluster"), 3, null, "--Ingest:Cluster:RouteToOwner=false");

        var domains = Enumerable.Range(0, 24).Select(i => $"d{i}.direct.example").ToArray();
        foreach (var host in cluster.Hosts)
            Assert.Equal(HttpStatusCode.OK, (await host.Client.GetAsync("/health/ready")).StatusCode);
        await PutOnEveryNodeAsync(cluster, domains);

        foreach (var domain in domains)
            Assert.Equal((domain, 3L), (domain, (await cluster.Hosts[0].Client.GetFromJsonAsync<DomainView>($"/domains/{domain}"))!.Delivered));
        Assert.All(cluster.Hosts, h =>
        {
            var system = h.Services.GetRequiredService<ActorSystem>();
            Assert.False(ActorRegistry.For(system).TryGet<PartitionOwnerRegion>(out _), "a partition-owner region started with owner routing off");
            Assert.Equal(0, h.Services.GetRequiredService<OwnerRouting>().Counters.RoutedTotal);
        });
        var sharding = await cluster.Hosts[1].Management.GetAsync("/admin/cluster/sharding");
        Assert.Equal(HttpStatusCode.NotFound, sharding.StatusCode);
        Assert.Contains("RouteToOwner=false", await sharding.Content.ReadAsStringAsync());

        // Three nodes share the database: every node's lanes wait three windows, so the cluster starts no more transactions than one node.
        var expected = cluster.Hosts[0].Services.GetRequiredService<IOptions<IngestOptions>>().Value.CommitLaneSettings.WindowFor(3).TotalMilliseconds;
        var seen = new double?[3];
        await ClusterNodes.EventuallyAsync(async () =>
        {
            for (var n = 0; n < 3; n++)
                seen[n] = (await cluster.Hosts[n].Management.GetFromJsonAsync<JsonElement>("/admin/pipeline")).GetProperty("commitWindowMs").GetDouble();
            return seen.All(w => w == expected);
        }, TimeSpan.FromSeconds(10), () => $"commit windows {string.Join(", ", seen)} ms, expected {expected} ms on every node");
    }

    [Fact]
    public async Task Should_apply_a_contribution_replayed_to_a_new_owner_once()
    {
        await using var cluster = await ClusterNodes.StartAsync(await postgres.Server.CreateDatabaseAsync("cluster"), 3);
        var (partition, ownerIndex) = await FirstPartitionNotOnTheSeedAsync(cluster);
        var (write, domain) = Contribution(partition, "replayed.example", delivered: 5);
        var frontEnd = cluster.Hosts[0];

        var first = Assert.IsType<BatchWritten>(await AskRegionAsync(frontEnd, write));
        Assert.False(first.Outcome.AlreadyApplied);

        // The owner's node leaves: its partitions are handed off and started again elsewhere.
        var owner = cluster.Hosts[ownerIndex];
        var ownerAddress = cluster.AddressOf(ownerIndex);
        cluster.Hosts.RemoveAt(ownerIndex);
        cluster.ManagementPorts.RemoveAt(ownerIndex);
        await owner.DisposeAsync();
        await cluster.WaitUntilFormedAsync(2);
        var stats = await ClusterNodes.Inspector(frontEnd).ReadRegionStatsAsync(CancellationToken.None);
        Assert.DoesNotContain(stats.Nodes, n => n.Address == ownerAddress && n.Shards.Count > 0);

        var replayed = Assert.IsType<BatchWritten>(await AskRegionAsync(frontEnd, write));
        Assert.True(replayed.Outcome.AlreadyApplied, $"the replay to the new owner was applied again: {replayed}");
        Assert.Equal(5, (await Store(frontEnd).ReadAsync(domain, CancellationToken.None)).Delivered);
    }

    [Fact]
    public async Task Should_write_directly_after_an_owner_timeout_and_refuse_the_zombie_owners_late_write()
    {
        var zombieStore = new ConcurrentDictionary<int, OutcomeRecordingStore>();
        await using var cluster = await ClusterNodes.StartAsync(
            await postgres.Server.CreateDatabaseAsync("cluster"), 3,
            index => index == 1
                ? services => services.AddSingleton<ICounterStore>(sp =>
                    zombieStore.GetOrAdd(index, _ => new OutcomeRecordingStore(new GatedCounterStore(sp.GetRequiredService<PrimaryStore>().Counters))))
                : null);
        var owned = await cluster.PartitionsOwnedByAsync(1);
        Assert.NotEmpty(owned);
        var partitioner = new Partitioner(ClusterNodes.Partitions);
        var domain = Enumerable.Range(0, 10_000).Select(i => $"z{i}.zombie.example").First(d => owned.Contains(partitioner.PartitionOf(d)));
        var frontEnd = cluster.Hosts[0];
        var counters = frontEnd.Services.GetRequiredService<OwnerRouting>().Counters;

        // Node 2 owns the domain's partition but its writes hang: the front end gives up on it after the owner
        // timeout and writes the contribution itself.
        var put = await frontEnd.Client.PutAsync($"/events/{domain}/delivered", null);

        Assert.True(put.StatusCode == HttpStatusCode.NoContent, $"PUT: {(int)put.StatusCode} {await put.Content.ReadAsStringAsync()}");
        Assert.True(counters.FallbacksTotal >= 1, $"fallbacks {counters.FallbacksTotal}, routed {counters.RoutedTotal}");
        Assert.Equal(1, (await Store(frontEnd).ReadAsync(domain, CancellationToken.None)).Delivered);
        var scrape = await cluster.ScrapeAsync(0);
        Assert.True(Regex.Match(scrape, @"\ningest_owner_direct_writes_total\{kind=""timeout""\} (\d+)") is { Success: true } timeouts
                    && long.Parse(timeouts.Groups[1].Value, CultureInfo.InvariantCulture) == counters.FallbacksTotal,
            $"the owner-timeout series does not show {counters.FallbacksTotal}:\n{string.Join("\n", scrape.Split('\n').Where(l => l.Contains("owner", StringComparison.Ordinal)))}");
        var zombie = zombieStore[1];
        var held = zombie.Gated.NextStarted(TimeSpan.FromSeconds(10));
        Assert.Contains(held.Deltas, d => d.Domain == domain);

        // The zombie owner wakes and commits the same contribution: the ledger refuses it.
        zombie.Gated.Open(1000);
        await Eventually.TrueAsync(() => zombie.Outcomes.ContainsKey(held.Id), TimeSpan.FromSeconds(10), "the zombie's late write finished");
        Assert.True(zombie.Outcomes[held.Id].AlreadyApplied, $"the zombie applied {held.Id} again");
        Assert.Equal(1, (await Store(frontEnd).ReadAsync(domain, CancellationToken.None)).Delivered);
    }

    private static async Task<(int Partition, int OwnerIndex)> FirstPartitionNotOnTheSeedAsync(ClusterNodes cluster)
    {
        for (var index = 1; index < cluster.Hosts.Count; index++)
        {
            if ((await cluster.PartitionsOwnedByAsync(index)) is { Length: > 0 } owned)
                return (owned[0], index);
        }
        throw new InvalidOperationException("Every partition is on the seed node.");
    }

    /// <summary>A contribution from an origin stream of its own, to one domain of <paramref name="partition"/>.</summary>
    private static (WriteBatch Write, string Domain) Contribution(int partition, string suffix, long delivered)
    {
        var partitioner = new Partitioner(ClusterNodes.Partitions);
        var domain = Enumerable.Range(0, 10_000).Select(i => $"d{i}.{suffix}").First(d => partitioner.PartitionOf(d) == partition);
        var batch = CounterBatch.FromDistinct(new BatchId($"spec-{Guid.NewGuid():N}/p{partition}", 1), [new DomainDelta(domain, delivered, 0)]);
        return (new WriteBatch(partition, batch), domain);
    }

    private static async Task<WriteReply> AskRegionAsync(IngestHost host, WriteBatch write)
    {
        var region = await ActorRegistry.For(host.Services.GetRequiredService<ActorSystem>()).GetAsync<PartitionOwnerRegion>();
        return await region.Ask<WriteReply>(write, AskTimeout);
    }

    private static ICounterStore Store(IngestHost host) => host.Services.GetRequiredService<PrimaryStore>().Counters;

    /// <summary>Records each contribution's outcome by batch id, around a gated store.</summary>
    private sealed class OutcomeRecordingStore(GatedCounterStore gated) : DelegatingCounterStore(gated)
    {
        public GatedCounterStore Gated => gated;

        public ConcurrentDictionary<BatchId, BatchOutcome> Outcomes { get; } = new();

        protected override async Task<WriteOutcome> ApplyAsync(ICounterWriter innerWriter, IReadOnlyList<CounterBatch> contributions, CancellationToken cancellationToken)
        {
            var outcome = await innerWriter.ApplyAsync(contributions, cancellationToken);
            foreach (var contribution in contributions)
                Outcomes[contribution.Id] = outcome.For(contribution.Id);
            return outcome;
        }
    }
}
