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
    public async Task Should_relay_a_transition_whose_transaction_commits_after_a_later_one_exactly_once()
    {
        var connectionString = await postgres.Server.CreateDatabaseAsync("late-commit");
        await using var host = await IngestHost.StartAsync(["--store", "Postgres", "--connection-string", connectionString, "--threshold", "10",
            "--Ingest:StatusFeed:PollInterval=00:00:00.050", "--Ingest:StatusFeed:QueryRefreshInterval=00:00:00.100"]);
        var api = host.Client;

        // A batch transaction that has written its outbox row (and so taken the lower id) but not yet committed.
        await using var held = new Npgsql.NpgsqlConnection(connectionString);
        await held.OpenAsync();
        await using var transaction = await held.BeginTransactionAsync();
        await using (var insert = new Npgsql.NpgsqlCommand("""
            INSERT INTO status_outbox (domain, from_status, to_status, delivered, bounced)
            VALUES ('held.example', 'unknown', 'catch-all', 1001, 0)
            """, held, transaction))
            await insert.ExecuteNonQueryAsync();

        // Another domain crosses, commits with a higher id and reaches the feed while the first is still open.
        for (var i = 0; i < 11; i++)
            Assert.Equal(HttpStatusCode.NoContent, (await api.PutAsync("/events/other.example/delivered", null)).StatusCode);
        await Eventually.TrueAsync(() => FeedAsync(api).Result.Any(c => c.Domain == "other.example"),
            TimeSpan.FromSeconds(30), "the later transition is journaled");

        await transaction.CommitAsync();
        // A barrier after the held commit: once it is journaled, the held transition has been relayed if it ever will be.
        Assert.Equal(HttpStatusCode.NoContent, (await api.PutAsync("/events/barrier.example/bounced", null)).StatusCode);
        await Eventually.TrueAsync(() => FeedAsync(api).Result.Any(c => c.Domain == "barrier.example"),
            TimeSpan.FromSeconds(30), "the barrier transition is journaled");

        var feed = await FeedAsync(api);
        Assert.Equal(["barrier.example", "held.example", "other.example"], feed.Select(c => c.Domain).Order(StringComparer.Ordinal));
    }

    private static async Task<IReadOnlyList<Pipeline.StatusFeed.StatusChangeView>> FeedAsync(HttpClient api) =>
        (await api.GetFromJsonAsync<StatusFeedEndpoints.StatusChangePage>("/domains/changes?limit=100"))!.Items;

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
