using System.Net;
using System.Net.Http.Json;
using Akka.Ingest.Pipeline.Http;
using Akka.Ingest.Testing;

namespace Akka.Ingest.IntegrationTests.StatusFeed;

/// <summary>The status feed on PostgreSQL across a host killed between the counts' commit and the relay.</summary>
[Collection(PostgresCollection.Name)]
public sealed class StatusFeedRecoverySpecs(PostgresFixture postgres)
{
    [Fact]
    public async Task Should_journal_a_transition_exactly_once_when_the_host_dies_before_relaying_it()
    {
        var connectionString = await postgres.Server.CreateDatabaseAsync("feed");
        string[] common = ["--store", "Postgres", "--connection-string", connectionString, "--threshold", "10",
            "--Ingest:StatusFeed:PollInterval=00:00:00.050", "--Ingest:StatusFeed:QueryRefreshInterval=00:00:00.100"];

        // The first host commits the counts (and the outbox entry) but never relays, then is killed.
        await using (var first = await HostProcess.StartAsync([.. common, "--Ingest:StatusFeed:RunRelay=false"], TimeSpan.FromSeconds(60)))
        {
            using var client = new HttpClient { BaseAddress = first.Address };
            for (var i = 0; i < 11; i++)
                Assert.Equal(HttpStatusCode.NoContent, (await client.PutAsync("/events/killed.example/delivered", null)).StatusCode);
            first.Kill();
            await first.WaitForExitAsync(TimeSpan.FromSeconds(30));
        }

        await using var second = await HostProcess.StartAsync(common, TimeSpan.FromSeconds(60));
        using var api = new HttpClient { BaseAddress = second.Address };
        // A later transition is a barrier: once it is journaled, the earlier one has been relayed as often as it ever will be.
        Assert.Equal(HttpStatusCode.NoContent, (await api.PutAsync("/events/barrier.example/bounced", null)).StatusCode);

        IReadOnlyList<Pipeline.StatusFeed.StatusChangeView> items = [];
        await Eventually.TrueAsync(() =>
        {
            items = api.GetFromJsonAsync<StatusFeedEndpoints.StatusChangePage>("/domains/changes").Result!.Items;
            return items.Any(c => c.Domain == "barrier.example");
        }, TimeSpan.FromSeconds(30), "the barrier transition is journaled");

        Assert.Equal([("killed.example", "catch-all"), ("barrier.example", "not catch-all")], items.Select(c => (c.Domain, c.To)));
    }

    [Fact]
    public async Task Should_list_exactly_the_expected_catch_all_domains_of_a_run()
    {
        var connectionString = await postgres.Server.CreateDatabaseAsync("listing");
        await using var host = await IngestHost.StartAsync(["--store", "Postgres", "--connection-string", connectionString]);
        using var client = PutLoad.CreateClient(host.Address, 64);
        var events = Ingestion.PostgresIngestSpecs.MixedWorkload(totalEvents: 20_000, domains: 200, seed: 11);
        var load = new PutLoad();
        await load.RunAsync(client, events, concurrency: 64);
        Assert.Equal(20_000, load.Acknowledged);

        var expected = Ingestion.PostgresIngestSpecs.ExpectedViews(events).Where(v => v.Status == "catch-all").OrderBy(v => v.Domain, StringComparer.Ordinal).ToArray();
        var listed = new List<DomainView>();
        string? after = null;
        do
        {
            var page = await client.GetFromJsonAsync<StatusFeedEndpoints.DomainPage>($"/domains?status=catch-all&limit=4&after={after}");
            listed.AddRange(page!.Items);
            after = page.Next;
        }
        while (after is not null);

        Assert.NotEmpty(expected);
        Assert.Equal(expected, listed);
    }
}
