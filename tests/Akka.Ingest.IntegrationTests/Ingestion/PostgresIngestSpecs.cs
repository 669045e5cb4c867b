using System.Net.Http.Json;
using Akka.Ingest.Domain;
using Akka.Ingest.Pipeline.Http;
using Akka.Ingest.Testing;

namespace Akka.Ingest.IntegrationTests.Ingestion;

/// <summary>The real host (Kestrel, stream, writers) on a real PostgreSQL, under concurrent PUTs.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresIngestSpecs(PostgresFixture postgres)
{
    private async Task<IngestHost> StartHostAsync(params string[] extra)
    {
        var connectionString = await postgres.Server.CreateDatabaseAsync("ingest");
        return await IngestHost.StartAsync(["--store", "Postgres", "--connection-string", connectionString, "--Ingest:RequestTimeout=00:00:30", .. extra]);
    }

    [Fact]
    public async Task Should_count_10000_concurrent_puts_to_one_domain_exactly()
    {
        await using var host = await StartHostAsync();
        using var client = PutLoad.CreateClient(host.Address, 256);
        var load = new PutLoad();

        await load.RunAsync(client, Enumerable.Repeat(new DomainEvent("hot.example", EventKind.Delivered), 10_000), concurrency: 256);

        Assert.Equal(10_000, load.Acknowledged);
        var view = await client.GetFromJsonAsync<DomainView>("/domains/hot.example");
        Assert.Equal(new DomainView("hot.example", "catch-all", 10_000, 0), view);
    }

    [Fact]
    public async Task Should_count_20000_puts_over_200_domains_with_exact_counts_and_statuses()
    {
        await using var host = await StartHostAsync();
        using var client = PutLoad.CreateClient(host.Address, 128);
        var events = MixedWorkload(totalEvents: 20_000, domains: 200, seed: 7);
        var load = new PutLoad();

        await load.RunAsync(client, events, concurrency: 128);

        Assert.Equal(20_000, load.Acknowledged);
        foreach (var expected in ExpectedViews(events))
            Assert.Equal(expected, await client.GetFromJsonAsync<DomainView>($"/domains/{expected.Domain}"));
    }

    /// <summary>
    /// Ten domains take 1,100 events each (five of them with one bounce), the other 190 share the rest, a
    /// bounce for every fourth: catch-all, not catch-all and unknown all occur. Shuffled with a seed.
    /// </summary>
    internal static DomainEvent[] MixedWorkload(int totalEvents, int domains, int seed)
    {
        var events = new List<DomainEvent>(totalEvents);
        for (var d = 0; d < 10; d++)
        {
            var name = $"big{d}.example";
            events.AddRange(Enumerable.Repeat(new DomainEvent(name, EventKind.Delivered), d < 5 ? 1099 : 1100));
            if (d < 5)
                events.Add(new DomainEvent(name, EventKind.Bounced));
        }
        for (var i = 0; events.Count < totalEvents; i++)
        {
            var name = $"small{i % (domains - 10)}.example";
            events.Add(new DomainEvent(name, i % 4 == 0 && i < (domains - 10) ? EventKind.Bounced : EventKind.Delivered));
        }
        var random = new Random(seed);
        return events.OrderBy(_ => random.Next()).ToArray();
    }

    internal static IEnumerable<DomainView> ExpectedViews(IEnumerable<DomainEvent> events) =>
        events.GroupBy(e => e.Domain).Select(g =>
        {
            var delivered = g.LongCount(e => e.Kind == EventKind.Delivered);
            var bounced = g.LongCount(e => e.Kind == EventKind.Bounced);
            return DomainView.From(new DomainCounts(g.Key, delivered, bounced), CatchAllPolicy.Default);
        });
}
