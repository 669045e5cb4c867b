using System.Net;
using System.Net.Http.Json;
using Akka.Ingest.Pipeline.Http;
using Akka.Ingest.Stores;
using Akka.Ingest.Testing;

namespace Akka.Ingest.Tests.Http;

/// <summary>While the store holds every write, requests time out with 503 and are not counted.</summary>
public sealed class OverloadSpecs
{
    private static readonly Dictionary<string, string?> TightSettings = new()
    {
        ["Ingest:Partitions"] = "1",
        ["Ingest:RequestTimeout"] = "00:00:00.300",
        ["Ingest:QueueCapacity"] = "2",
        ["Ingest:MaxBatchEvents"] = "2",
        ["Ingest:RetryAfterSeconds"] = "7",
    };

    [Fact]
    public async Task Should_answer_503_with_retry_after_and_not_count_an_event_that_timed_out()
    {
        var store = new GatedCounterStore(new InMemoryCounterStore());
        await using var factory = new IngestApiFactory(TightSettings, store);
        var client = factory.CreateClient();

        // The first event is taken by the writer, which the store holds: it waits for its commit.
        var held = client.PutAsync("/events/held.example/delivered", null);
        store.NextStarted(TimeSpan.FromSeconds(10));

        // The second waits in the next batch, times out, and is withdrawn.
        var withdrawn = await client.PutAsync("/events/withdrawn.example/delivered", null);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, withdrawn.StatusCode);
        Assert.Equal("7", withdrawn.Headers.GetValues("Retry-After").Single());
        Assert.Equal("application/problem+json", withdrawn.Content.Headers.ContentType?.MediaType);

        store.Open(100);
        Assert.Equal(HttpStatusCode.NoContent, (await held).StatusCode);
        Assert.Equal(1, (await client.GetFromJsonAsync<DomainView>("/domains/held.example"))!.Delivered);
        Assert.Equal(0, (await client.GetFromJsonAsync<DomainView>("/domains/withdrawn.example"))!.Delivered);
    }

    [Fact]
    public async Task Should_count_exactly_the_acknowledged_events_when_flooded_beyond_capacity()
    {
        var store = new GatedCounterStore(new InMemoryCounterStore());
        await using var factory = new IngestApiFactory(TightSettings, store);
        var client = factory.CreateClient();

        var requests = Enumerable.Range(0, 40).Select(_ => client.PutAsync("/events/flood.example/delivered", null)).ToArray();
        var held = store.NextStarted(TimeSpan.FromSeconds(10));

        // Everything but the held batch times out while the store holds it.
        await Eventually.TrueAsync(() => requests.Count(r => !r.IsCompleted) == held.Events, TimeSpan.FromSeconds(20),
            "only the requests of the batch in the store are still waiting");
        store.Open(1000);
        var responses = await Task.WhenAll(requests);

        var acknowledged = responses.Count(r => r.StatusCode == HttpStatusCode.NoContent);
        Assert.Equal(held.Events, acknowledged);
        Assert.Equal(40 - acknowledged, responses.Count(r => r.StatusCode == HttpStatusCode.ServiceUnavailable));
        Assert.Equal(acknowledged, (await client.GetFromJsonAsync<DomainView>("/domains/flood.example"))!.Delivered);
    }
}
