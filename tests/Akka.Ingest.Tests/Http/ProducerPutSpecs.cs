using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Akka.Ingest.Domain;
using Akka.Ingest.Pipeline.Http;
using Akka.Ingest.Pipeline.Ingestion;
using Microsoft.Extensions.DependencyInjection;
using Akka.Ingest.Testing;

namespace Akka.Ingest.Tests.Http;

/// <summary>
/// <c>PUT /events/{domain}/{kind}</c> with <c>Producer-Id</c> and <c>Producer-Sequence</c>: a sequence above the
/// producer's last is counted, the same one again is answered 204 and counted nothing, a lower one is refused with
/// 409, and malformed or lone headers with 400, all on the production host with its SQLite store.
/// </summary>
public sealed class ProducerPutSpecs : IAsyncLifetime
{
    private readonly IngestApiFactory _factory = new();
    private HttpClient _client = null!;

    public Task InitializeAsync()
    {
        _client = _factory.CreateClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task Should_count_a_sequence_once_however_often_it_is_resent()
    {
        var first = await PutAsync("once.example", "p-1", "5");
        var resends = new[] { await PutAsync("once.example", "p-1", "5"), await PutAsync("once.example", "p-1", "5") };

        Assert.Equal(HttpStatusCode.NoContent, first.StatusCode);
        Assert.False(first.Headers.Contains(ProducerSession.DuplicateHeader));
        Assert.All(resends, resend =>
        {
            Assert.Equal(HttpStatusCode.NoContent, resend.StatusCode);
            Assert.Equal(["true"], resend.Headers.GetValues(ProducerSession.DuplicateHeader));
        });
        Assert.Equal(1, await DeliveredAsync("once.example"));
    }

    [Fact]
    public async Task Should_count_every_higher_sequence_gaps_allowed_and_keep_producers_apart()
    {
        foreach (var sequence in new[] { "1", "2", "7", "9223372036854775807" })
            Assert.Equal(HttpStatusCode.NoContent, (await PutAsync("gaps.example", "p-2", sequence)).StatusCode);
        // Another producer's sequence 1 is its own.
        Assert.Equal(HttpStatusCode.NoContent, (await PutAsync("gaps.example", "p-2-other", "1")).StatusCode);

        Assert.Equal(5, await DeliveredAsync("gaps.example"));
    }

    [Fact]
    public async Task Should_refuse_a_lower_sequence_with_409_and_count_nothing_of_it()
    {
        Assert.Equal(HttpStatusCode.NoContent, (await PutAsync("order.example", "p-3", "10")).StatusCode);

        var below = await PutAsync("order.example", "p-3", "9");

        Assert.Equal(HttpStatusCode.Conflict, below.StatusCode);
        Assert.Equal("application/problem+json", below.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await below.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("Producer sequence out of order", problem.GetProperty("title").GetString());
        Assert.Equal(9, problem.GetProperty("sequence").GetInt64());
        Assert.Equal(1, await DeliveredAsync("order.example"));
    }

    [Theory]
    [InlineData("p-4", null)]
    [InlineData(null, "1")]
    [InlineData("", "1")]
    [InlineData("has space", "1")]
    [InlineData("p-4", "0")]
    [InlineData("p-4", "-1")]
    [InlineData("p-4", "+1")]
    [InlineData("p-4", "1.0")]
    [InlineData("p-4", "x")]
    [InlineData("p-4", "9223372036854775808")]
    public async Task Should_refuse_lone_or_malformed_producer_headers_with_400_and_count_nothing(string? id, string? sequence)
    {
        var response = await PutAsync("malformed.example", id, sequence);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Invalid producer headers", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("title").GetString());
        Assert.Equal(0, await DeliveredAsync("malformed.example"));
    }

    [Fact]
    public async Task Should_take_an_id_of_64_visible_characters_and_refuse_one_of_65()
    {
        var longest = new string('~', ProducerSession.MaxIdLength);

        Assert.Equal(HttpStatusCode.NoContent, (await PutAsync("length.example", longest, "1")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await PutAsync("length.example", longest + "!", "1")).StatusCode);
        Assert.Equal(1, await DeliveredAsync("length.example"));
    }

    [Fact]
    public async Task Should_refuse_two_values_of_a_producer_header_with_400()
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, "/events/twice.example/delivered");
        request.Headers.TryAddWithoutValidation(ProducerSession.IdHeader, "p-5");
        request.Headers.TryAddWithoutValidation(ProducerSession.SequenceHeader, ["1", "2"]);

        Assert.Equal(HttpStatusCode.BadRequest, (await _client.SendAsync(request)).StatusCode);
        Assert.Equal(0, await DeliveredAsync("twice.example"));
    }

    /// <summary>
    /// The first attempt is held in the store; its resend arrives meanwhile (the client gave up on the answer) and
    /// waits behind it in the partition. Both are answered 204, as the first success, and the event counts once.
    /// </summary>
    [Fact]
    public async Task Should_count_once_a_resend_that_races_the_first_attempt()
    {
        var inner = new InMemoryCounterStore();
        var store = new GatedCounterStore(inner);
        await using var factory = new IngestApiFactory(store: store);
        var client = factory.CreateClient();

        var first = PutAsync(client, "race.example", "p-6", "3");
        var held = store.NextStarted(TimeSpan.FromSeconds(10));
        var resend = PutAsync(client, "race.example", "p-6", "3");
        var counters = factory.Services.GetRequiredService<IngestCounters>();
        await Eventually.TrueAsync(() => counters.Accepted == 2, TimeSpan.FromSeconds(10), "the resend is admitted while the first attempt is held");
        store.Open(2);

        Assert.Equal(HttpStatusCode.NoContent, (await first).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await resend).StatusCode);
        Assert.Equal(new BatchId(held.Id.WriterId, 3), held.Id);
        Assert.StartsWith("producer:", held.Id.WriterId, StringComparison.Ordinal);
        Assert.Equal(1, (await inner.ReadAsync("race.example", default)).Delivered);
        Assert.Single(inner.Applied, b => b.Id.WriterId == held.Id.WriterId);
    }

    [Fact]
    public async Task Should_refuse_a_resend_under_another_partition_count_with_409_and_take_a_new_sequence_there()
    {
        var store = new InMemoryCounterStore();
        await using var four = new IngestApiFactory(new Dictionary<string, string?> { ["Ingest:Partitions"] = "4" }, store);
        await using var two = new IngestApiFactory(new Dictionary<string, string?> { ["Ingest:Partitions"] = "2" }, store);
        Assert.Equal(HttpStatusCode.NoContent, (await PutAsync(four.CreateClient(), "repart.example", "p-7", "5")).StatusCode);

        var resent = await PutAsync(two.CreateClient(), "repart.example", "p-7", "5");
        var below = await PutAsync(two.CreateClient(), "repart.example", "p-7", "4");
        var next = await PutAsync(two.CreateClient(), "repart.example", "p-7", "6");

        Assert.Equal(HttpStatusCode.Conflict, resent.StatusCode);
        var problem = JsonDocument.Parse(await resent.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(4, problem.GetProperty("recordedPartitions").GetInt32());
        Assert.Equal(2, problem.GetProperty("partitions").GetInt32());
        Assert.Equal(HttpStatusCode.Conflict, below.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, next.StatusCode);
        Assert.Equal(2, (await store.ReadAsync("repart.example", default)).Delivered);
    }

    private Task<HttpResponseMessage> PutAsync(string domain, string? id, string? sequence) => PutAsync(_client, domain, id, sequence);

    private static async Task<HttpResponseMessage> PutAsync(HttpClient client, string domain, string? id, string? sequence)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/events/{domain}/delivered");
        if (id is not null)
            request.Headers.TryAddWithoutValidation(ProducerSession.IdHeader, id);
        if (sequence is not null)
            request.Headers.TryAddWithoutValidation(ProducerSession.SequenceHeader, sequence);
        return await client.SendAsync(request);
    }

    private async Task<long> DeliveredAsync(string domain) =>
        (await _client.GetFromJsonAsync<DomainView>($"/domains/{domain}"))!.Delivered;
}
