using System.Net;
using System.Net.Http.Json;
using Akka.Ingest.Pipeline.Http;
using Akka.Ingest.Testing;
using Akka.Ingest.Tests.Http;

namespace Akka.Ingest.Tests.StatusFeed;

/// <summary>
/// The SSE feed's resource bounds: a cap on concurrent streams, a live-only start unless the client asks for
/// history, and streams that end when the host begins to stop instead of holding its shutdown.
/// </summary>
public sealed class StatusStreamLimitsSpecs : IAsyncLifetime
{
    private static readonly Dictionary<string, string?> FastFeed = new()
    {
        ["Ingest:StatusFeed:PollInterval"] = "00:00:00.050",
        ["Ingest:StatusFeed:QueryRefreshInterval"] = "00:00:00.100",
        ["Ingest:StatusFeed:MaxStreamClients"] = "2",
    };

    private readonly IngestApiFactory _factory = new(FastFeed);
    private HttpClient _client = null!;

    public Task InitializeAsync()
    {
        _client = _factory.CreateClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task Should_refuse_a_stream_beyond_the_cap_with_503_and_admit_one_once_a_stream_closes()
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var first = await SseReader.ConnectAsync(_client, "/domains/changes/stream", lastEventId: null, cancel.Token);
        await using var second = await SseReader.ConnectAsync(_client, "/domains/changes/stream", lastEventId: null, cancel.Token);

        using var refused = await _client.GetAsync("/domains/changes/stream", HttpCompletionOption.ResponseHeadersRead, cancel.Token);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(refused.Headers.RetryAfter);

        await first.DisposeAsync();
        await Eventually.TrueAsync(() =>
        {
            using var again = _client.GetAsync("/domains/changes/stream", HttpCompletionOption.ResponseHeadersRead, cancel.Token).Result;
            return again.StatusCode == HttpStatusCode.OK;
        }, TimeSpan.FromSeconds(10), "a slot comes free when a client leaves");
    }

    [Fact]
    public async Task Should_start_live_without_an_offset_and_from_the_beginning_with_after_zero()
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        // Three earlier transitions: the newest offset is found by doubling (1, 2, 4) then bisecting (3).
        foreach (var old in new[] { "old1.example", "old2.example", "old3.example" })
            await PutBounceAsync(old);
        await Eventually.TrueAsync(
            () => _client.GetFromJsonAsync<StatusFeedEndpoints.StatusChangePage>("/domains/changes?after=0").Result!.Items.Count == 3,
            TimeSpan.FromSeconds(20), "the earlier transitions are journaled");

        await using var live = await SseReader.ConnectAsync(_client, "/domains/changes/stream", lastEventId: null, cancel.Token);
        await using var history = await SseReader.ConnectAsync(_client, "/domains/changes/stream?after=0", lastEventId: null, cancel.Token);
        await PutBounceAsync("new.example");

        Assert.Equal(("4", "new.example"), await live.NextAsync(cancel.Token));
        Assert.Equal(("1", "old1.example"), await history.NextAsync(cancel.Token));
    }

    private async Task PutBounceAsync(string domain) =>
        Assert.Equal(HttpStatusCode.NoContent, (await _client.PutAsync($"/events/{domain}/bounced", null)).StatusCode);
}
