using System.Net.Http.Json;
using Akka.Ingest.Domain;
using Akka.Ingest.Pipeline.Http;
using Akka.Ingest.Pipeline.StatusFeed;
using Akka.Ingest.Testing;
using Xunit.Abstractions;

namespace Akka.Ingest.IntegrationTests.Reliability;

/// <summary>
/// Two independent host processes (no cluster) on one PostgreSQL database, loaded at the same time with events for the
/// same domains: both write the same counter rows and the same outbox, and both contend to run the status relay on the
/// one journal (the relay lease's holder runs it; <see cref="RelayLeaseSpecs"/>).
/// The counts must be exact and every domain's transitions must reach the feed exactly once, as one unbroken chain.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class TwoHostsOnOneDatabaseSpecs(PostgresFixture postgres, ITestOutputHelper output)
{
    private const int Threshold = 20;

    [Fact]
    public async Task Should_count_exactly_and_feed_each_transition_once_when_two_hosts_share_one_database()
    {
        var connectionString = await postgres.Server.CreateDatabaseAsync("two-hosts");
        string[] args = ["--store", "Postgres", "--connection-string", connectionString, "--threshold", Threshold.ToString(),
            "--Ingest:StatusFeed:PollInterval=00:00:00.020", "--Ingest:StatusFeed:QueryRefreshInterval=00:00:00.100"];
        var events = SharedDomainEvents(domains: 60, seed: 7);

        await using var first = await HostProcess.StartAsync(args, TimeSpan.FromSeconds(60));
        await using var second = await HostProcess.StartAsync(args, TimeSpan.FromSeconds(60));
        using var firstClient = PutLoad.CreateClient(first.Address, 16);
        using var secondClient = PutLoad.CreateClient(second.Address, 16);
        var firstLoad = new PutLoad();
        var secondLoad = new PutLoad();
        await Task.WhenAll(
            firstLoad.RunAsync(firstClient, events.Where((_, i) => i % 2 == 0), concurrency: 16),
            secondLoad.RunAsync(secondClient, events.Where((_, i) => i % 2 == 1), concurrency: 16));
        var load = new PutLoad();
        load.Add(firstLoad);
        load.Add(secondLoad);
        Assert.Equal(events.Count, load.Acknowledged);

        var domains = events.Select(e => e.Domain).Distinct().ToArray();
        var (acknowledged, counted) = await LoadVerdict.AssertCountedEqualsAcknowledgedAsync(connectionString, load, domains);

        // A barrier through each host: once both are journaled, every transition committed before them has been relayed.
        await firstClient.PutAsync("/events/barrier-first.example/bounced", null);
        await secondClient.PutAsync("/events/barrier-second.example/bounced", null);
        IReadOnlyList<StatusChangeView> feed = [];
        await Eventually.TrueAsync(() =>
        {
            feed = WholeFeedAsync(firstClient).Result;
            return feed.Any(c => c.Domain == "barrier-first.example") && feed.Any(c => c.Domain == "barrier-second.example");
        }, TimeSpan.FromSeconds(60), "both barrier transitions are journaled");

        var transitions = 0;
        foreach (var domain in domains)
        {
            var chain = feed.Where(c => c.Domain == domain).ToArray();
            var final = await firstClient.GetFromJsonAsync<DomainView>($"/domains/{domain}");
            Assert.True(IsUnbrokenChain(chain, final!.Status),
                $"{domain} ({final.Delivered} delivered, {final.Bounced} bounced, now {final.Status}): feed has " +
                string.Join(", ", chain.Select(c => $"#{c.Offset} {c.From}->{c.To}")));
            transitions += chain.Length;
        }
        Assert.Equal(feed.Count, feed.Select(c => c.Offset).Distinct().Count());
        output.WriteLine($"acknowledged {acknowledged} (first host {firstLoad.Acknowledged}, second {secondLoad.Acknowledged}), " +
            $"counted {counted}, {domains.Length} domains, {transitions} transitions in the feed, each once");
    }

    /// <summary>From <c>unknown</c>, each transition leaving the status the previous one reached, ending at today's status.</summary>
    private static bool IsUnbrokenChain(IReadOnlyList<StatusChangeView> chain, string finalStatus)
    {
        var status = "unknown";
        foreach (var change in chain)
        {
            if (change.From != status || change.To == status)
                return false;
            status = change.To;
        }
        return status == finalStatus;
    }

    private static async Task<IReadOnlyList<StatusChangeView>> WholeFeedAsync(HttpClient client)
    {
        var all = new List<StatusChangeView>();
        long after = 0;
        while (true)
        {
            var page = (await client.GetFromJsonAsync<StatusFeedEndpoints.StatusChangePage>($"/domains/changes?after={after}&limit=500"))!;
            if (page.Items.Count == 0)
                return all;
            all.AddRange(page.Items);
            after = page.Next;
        }
    }

    /// <summary>
    /// Every domain gets more deliveries than the threshold; every third also one bounce at a random place, so some reach
    /// catch-all and then leave it, some never do, and which happens depends on how the two hosts' writes interleave.
    /// </summary>
    private static List<DomainEvent> SharedDomainEvents(int domains, int seed)
    {
        var random = new Random(seed);
        var events = new List<DomainEvent>();
        for (var d = 0; d < domains; d++)
        {
            var domain = $"shared{d}.example";
            var delivered = Threshold + 5 + random.Next(30);
            events.AddRange(Enumerable.Repeat(new DomainEvent(domain, EventKind.Delivered), delivered));
            if (d % 3 == 0)
                events.Add(new DomainEvent(domain, EventKind.Bounced));
        }
        random.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(events));
        return events;
    }
}
