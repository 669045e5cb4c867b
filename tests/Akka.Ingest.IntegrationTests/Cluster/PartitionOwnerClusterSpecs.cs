using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using Akka.Actor;
using Akka.Hosting;
using Akka.Ingest.Domain;
using Akka.Ingest.Pipeline.Cluster;
using Akka.Ingest.Pipeline.Config;
using Akka.Ingest.Pipeline.Http;
using Akka.Ingest.Stores;
using Akka.Ingest.Testing;
using Microsoft.Extensions.DependencyInjection;
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

    [Fact]
    public async Task Should_join_three_nodes_and_count_puts_sent_to_every_node_once()
    {
        await using var cluster = await ClusterNodes.StartAsync(await postgres.Server.CreateDatabaseAsync("cluster"), 3);

        var domains = Enumerable.Range(0, 48).Select(i => $"d{i}.join.example").ToArray();
        for (var n = 0; n < 3; n++)
        {
            foreach (var domain in domains)
                Assert.Equal(HttpStatusCode.NoContent, (await cluster.Hosts[n].Client.PutAsync($"/events/{domain}/delivered", null)).StatusCode);
        }

        foreach (var domain in domains)
            Assert.Equal(3, (await cluster.Hosts[2].Client.GetFromJsonAsync<DomainView>($"/domains/{domain}"))!.Delivered);
        var membership = ClusterNodes.Inspector(cluster.Hosts[1]).ReadMembership();
        Assert.Equal(3, membership.Members.Count(m => m.Status == "Up"));
        Assert.Equal(cluster.AddressOf(0), membership.Oldest);
        Assert.All(cluster.Hosts, h => Assert.True(h.Services.GetRequiredService<OwnerRouting>().Counters.RoutedTotal > 0));
    }

    [Fact]
    public async Task Should_apply_a_contribution_replayed_to_a_new_owner_once()
    {
        await using var cluster = await ClusterNodes.StartAsync(await postgres.Server.CreateDatabaseAsync("cluster"), 3);
        var (partition, ownerIndex) = await FirstPartitionNotOnTheSeedAsync(cluster);
        var (write, domain) = Contribution(partition, "replayed.example", delivered: 5);
        var frontEnd = cluster.Hosts[0];

        var first = await AskRegionAsync(frontEnd, write);
        Assert.False(first.Outcome.AlreadyApplied);

        // The owner's node leaves: its partitions are handed off and started again elsewhere.
        var owner = cluster.Hosts[ownerIndex];
        cluster.Hosts.RemoveAt(ownerIndex);
        await owner.DisposeAsync();
        await cluster.WaitUntilFormedAsync(2);

        var replayed = await AskRegionAsync(frontEnd, write);
        Assert.True(replayed.Outcome.AlreadyApplied);
        Assert.Equal(5, (await Store(frontEnd).ReadAsync(domain, CancellationToken.None)).Delivered);
    }

    [Fact]
    public async Task Should_write_directly_after_an_owner_timeout_and_refuse_the_zombie_owners_late_write()
    {
        var zombieStore = new ConcurrentDictionary<int, OutcomeRecordingStore>();
        await using var cluster = await ClusterNodes.StartAsync(
            await postgres.Server.CreateDatabaseAsync("cluster"), 3,
            index => index == 1
                ? (Action<IServiceCollection>)(services => services.AddSingleton<ICounterStore>(sp =>
                    zombieStore.GetOrAdd(index, _ => new OutcomeRecordingStore(new GatedCounterStore(sp.GetRequiredService<PrimaryStore>().Counters)))))
                : null);
        var owned = await cluster.PartitionsOwnedByAsync(1);
        Assert.NotEmpty(owned);
        var partitioner = new Partitioner(ClusterNodes.Partitions);
        var domain = Enumerable.Range(0, 10_000).Select(i => $"z{i}.zombie.example").First(d => owned.Contains(partitioner.PartitionOf(d)));
        var frontEnd = cluster.Hosts[0];

        // Node 2 owns the domain's partition but its writes hang: the front end gives up on it after the owner
        // timeout and writes the contribution itself.
        var put = await frontEnd.Client.PutAsync($"/events/{domain}/delivered", null);

        Assert.Equal(HttpStatusCode.NoContent, put.StatusCode);
        Assert.True(frontEnd.Services.GetRequiredService<OwnerRouting>().Counters.FallbacksTotal >= 1);
        var zombie = zombieStore[1];
        var held = zombie.Gated.NextStarted(TimeSpan.FromSeconds(10));
        Assert.Contains(held.Deltas, d => d.Domain == domain);

        // The zombie owner wakes and commits the same contribution: the ledger refuses it.
        zombie.Gated.Open(1000);
        await Eventually.TrueAsync(() => zombie.Outcomes.ContainsKey(held.Id), TimeSpan.FromSeconds(10), "the zombie's late write finished");
        Assert.True(zombie.Outcomes[held.Id].AlreadyApplied);
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
        return (new WriteBatch(batch), domain);
    }

    private static async Task<BatchWritten> AskRegionAsync(IngestHost host, WriteBatch write)
    {
        var region = await ActorRegistry.For(host.Services.GetRequiredService<ActorSystem>()).GetAsync<PartitionOwnerRegion>();
        return await region.Ask<BatchWritten>(write, AskTimeout);
    }

    private static ICounterStore Store(IngestHost host) => host.Services.GetRequiredService<PrimaryStore>().Counters;

    /// <summary>Records each apply's outcome by batch id, around a gated store.</summary>
    private sealed class OutcomeRecordingStore(GatedCounterStore gated) : ICounterStore
    {
        public GatedCounterStore Gated => gated;

        public ConcurrentDictionary<BatchId, BatchOutcome> Outcomes { get; } = new();

        public string Description => gated.Description;

        public Task MigrateAsync(CancellationToken cancellationToken) => gated.MigrateAsync(cancellationToken);

        public async Task<BatchOutcome> ApplyAsync(CounterBatch batch, CancellationToken cancellationToken)
        {
            var outcome = await gated.ApplyAsync(batch, cancellationToken);
            Outcomes[batch.Id] = outcome;
            return outcome;
        }

        public Task<DomainCounts> ReadAsync(string domain, CancellationToken cancellationToken) => gated.ReadAsync(domain, cancellationToken);

        public Task PingAsync(CancellationToken cancellationToken) => gated.PingAsync(cancellationToken);

        public ValueTask DisposeAsync() => gated.DisposeAsync();
    }
}
