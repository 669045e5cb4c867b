using System.Net;
using System.Net.Http.Json;
using Akka.Ingest.Pipeline.Http;
using Akka.Ingest.Pipeline.StatusFeed;
using Akka.Ingest.Testing;
using Akka.Ingest.Tests.Http;

namespace Akka.Ingest.Tests.StatusFeed;

/// <summary>The feed through the production host, journaled with Akka.Persistence.Sql on SQLite.</summary>
public sealed class StatusFeedApiSpecs : IAsyncLifetime
{
    private readonly IngestApiFactory _factory = new(new Dictionary<string, string?>
    {
        ["Ingest:CatchAllThreshold"] = "5",
        ["Ingest:StatusFeed:PollInterval"] = "00:00:00.050",
        ["Ingest:StatusFeed:QueryRefreshInterval"] = "00:00:00.100",
    });
    private HttpClient _client = null!;

    public Task InitializeAsync()
    {
        _client = _factory.CreateClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task Should_yield_one_catch_all_change_on_crossing_the_threshold_and_one_not_catch_all_on_a_bounce()
    {
        await PutAsync("crossing.example", "delivered", 5);
        await PutAsync("exactly.example", "delivered", 5);
        await PutAsync("crossing.example", "delivered", 1);
        await PutAsync("crossing.example", "bounced", 1);
        await PutAsync("crossing.example", "delivered", 3);
        await PutAsync("barrier.example", "bounced", 1);

        var changes = await ChangesAfterAsync(0, expected: 3);

        Assert.Equal(
            [("crossing.example", "unknown", "catch-all"), ("crossing.example", "catch-all", "not catch-all"), ("barrier.example", "unknown", "not catch-all")],
            changes.Select(c => (c.Domain, c.From, c.To)));
        Assert.Equal([1L, 2L, 3L], changes.Select(c => c.Offset));
        Assert.Equal((6L, 0L), (changes[0].Delivered, changes[0].Bounced));
    }

    [Fact]
    public async Task Should_page_the_changes_after_an_offset()
    {
        for (var i = 0; i < 5; i++)
            await PutAsync($"p{i}.example", "bounced", 1);
        await ChangesAfterAsync(0, expected: 5);

        var page = await _client.GetFromJsonAsync<StatusFeedEndpoints.StatusChangePage>("/domains/changes?after=2&limit=2");

        Assert.Equal([3L, 4L], page!.Items.Select(c => c.Offset));
        Assert.Equal(4, page.Next);
    }

    [Fact]
    public async Task Should_stream_live_changes_and_resume_from_last_event_id_without_gaps_or_repeats()
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using (var first = await SseReader.ConnectAsync(_client, "/domains/changes/stream", lastEventId: null, cancel.Token))
        {
            await PutAsync("live1.example", "bounced", 1);
            await PutAsync("live2.example", "bounced", 1);
            Assert.Equal(("1", "live1.example"), await first.NextAsync(cancel.Token));
            Assert.Equal(("2", "live2.example"), await first.NextAsync(cancel.Token));
        }

        await PutAsync("live3.example", "bounced", 1);
        await PutAsync("live4.example", "bounced", 1);
        await using var resumed = await SseReader.ConnectAsync(_client, "/domains/changes/stream", lastEventId: "2", cancel.Token);

        Assert.Equal(("3", "live3.example"), await resumed.NextAsync(cancel.Token));
        Assert.Equal(("4", "live4.example"), await resumed.NextAsync(cancel.Token));
    }

    [Fact]
    public async Task Should_list_domains_by_status_a_page_at_a_time()
    {
        var catchAll = Enumerable.Range(0, 7).Select(i => $"ca{i}.example").ToArray();
        foreach (var domain in catchAll)
            await PutAsync(domain, "delivered", 6);
        await PutAsync("nca.example", "bounced", 1);
        await PutAsync("unknown.example", "delivered", 2);

        var listed = new List<string>();
        string? after = null;
        do
        {
            var page = await _client.GetFromJsonAsync<StatusFeedEndpoints.DomainPage>($"/domains?status=catch-all&limit=3&after={after}");
            Assert.All(page!.Items, d => Assert.Equal("catch-all", d.Status));
            listed.AddRange(page.Items.Select(d => d.Domain));
            after = page.Next;
        }
        while (after is not null);

        Assert.Equal(catchAll, listed);
        var unknown = await _client.GetFromJsonAsync<StatusFeedEndpoints.DomainPage>("/domains?status=unknown");
        Assert.Equal([new DomainView("unknown.example", "unknown", 2, 0)], unknown!.Items);
    }

    [Theory]
    [InlineData("/domains?status=bogus")]
    [InlineData("/domains?status=catch-all&limit=0")]
    [InlineData("/domains/changes?after=-1")]
    [InlineData("/domains/changes?limit=100000")]
    public async Task Should_reject_a_bad_query_with_a_problem(string path) =>
        Assert.Equal(HttpStatusCode.BadRequest, (await _client.GetAsync(path)).StatusCode);

    private async Task PutAsync(string domain, string kind, int times)
    {
        for (var i = 0; i < times; i++)
            Assert.Equal(HttpStatusCode.NoContent, (await _client.PutAsync($"/events/{domain}/{kind}", null)).StatusCode);
    }

    private async Task<IReadOnlyList<StatusChangeView>> ChangesAfterAsync(long after, int expected)
    {
        IReadOnlyList<StatusChangeView> items = [];
        await Eventually.TrueAsync(() =>
        {
            items = _client.GetFromJsonAsync<StatusFeedEndpoints.StatusChangePage>($"/domains/changes?after={after}").Result!.Items;
            return items.Count >= expected;
        }, TimeSpan.FromSeconds(20), $"{expected} changes are journaled");
        return items;
    }
}
