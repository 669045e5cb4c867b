using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Akka.Ingest.Domain;
using Akka.Ingest.Pipeline.Http;
using Akka.Ingest.Testing;

namespace Akka.Ingest.Tests.Http;

/// <summary>
/// <c>POST /events</c> with <c>Producer-Id</c> and <c>Producer-Sequence</c>: each partition's part is applied at most
/// once, so a bulk partly committed is completed by its resend (only the missing parts) and answered with the bulk's
/// full count, a duplicate is answered 200 the same way, and a lower sequence is refused with 409.
/// </summary>
public sealed class ProducerBulkSpecs : IAsyncLifetime
{
    private const int Partitions = 4;
    private static readonly Partitioner Partitioner = new(Partitions);
    private readonly InMemoryCounterStore _inner = new();
    private readonly DomainFaultCounterStore _store;
    private readonly IngestApiFactory _factory;
    private volatile bool _broken;
    private HttpClient _client = null!;

    public ProducerBulkSpecs()
    {
        // Partition 1's store fails while the spec breaks it; the others commit.
        _store = new DomainFaultCounterStore(_inner, domain => _broken && Partitioner.PartitionOf(domain) == 1);
        _factory = new IngestApiFactory(new Dictionary<string, string?>
        {
            ["Ingest:Partitions"] = Partitions.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Ingest:RequestTimeout"] = "00:00:01.500",
        }, _store);
    }

    public Task InitializeAsync()
    {
        _client = _factory.CreateClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task Should_apply_only_the_missing_parts_of_a_resent_bulk_and_answer_a_duplicate_with_the_full_count()
    {
        var domains = Domains("part", 40);
        var failing = domains.Where(d => Partitioner.PartitionOf(d) == 1).ToArray();
        Assert.NotEmpty(failing);
        var body = Ndjson(domains, timesEach: 3);
        _broken = true;

        var first = await PostAsync(body, "bulk-p1", "1");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, first.StatusCode);
        Assert.Equal(3 * (domains.Length - failing.Length), JsonDocument.Parse(await first.Content.ReadAsStringAsync()).RootElement.GetProperty("committedEvents").GetInt64());
        Assert.True(_store.Failures > 0, "the injected failure fired");

        _broken = false;
        var resent = await PostAsync(body, "bulk-p1", "1");
        var duplicate = await PostAsync(body, "bulk-p1", "1");

        Assert.Equal(HttpStatusCode.OK, resent.StatusCode);
        Assert.Equal(3 * domains.Length, (await resent.Content.ReadFromJsonAsync<BulkEndpoints.BulkAcknowledgement>())!.Events);
        Assert.False(resent.Headers.Contains(ProducerSession.DuplicateHeader), "the resend applied the missing part");
        Assert.Equal(HttpStatusCode.OK, duplicate.StatusCode);
        Assert.Equal(["true"], duplicate.Headers.GetValues(ProducerSession.DuplicateHeader));
        Assert.Equal(3 * domains.Length, (await duplicate.Content.ReadFromJsonAsync<BulkEndpoints.BulkAcknowledgement>())!.Events);
        Assert.All(await CountsAsync(domains), c => Assert.Equal(3, c.Delivered));
    }

    [Fact]
    public async Task Should_refuse_a_lower_sequence_with_409_and_count_nothing_of_it()
    {
        var domains = Domains("below", 20);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(Ndjson(domains, 1), "bulk-p2", "8")).StatusCode);

        var below = await PostAsync(Ndjson(domains, 2), "bulk-p2", "7");

        Assert.Equal(HttpStatusCode.Conflict, below.StatusCode);
        Assert.Equal("application/problem+json", below.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await below.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(7, problem.GetProperty("sequence").GetInt64());
        Assert.Equal(0, problem.GetProperty("committedEvents").GetInt64());
        Assert.All(await CountsAsync(domains), c => Assert.Equal(1, c.Delivered));
    }

    [Fact]
    public async Task Should_refuse_a_bulk_with_both_an_idempotency_key_and_producer_headers_with_400()
    {
        using var request = Request(Ndjson(["both.example"], 1), "bulk-p3", "1");
        request.Headers.TryAddWithoutValidation(IdempotencyKey.Header, "key-3");

        var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(0, (await _inner.ReadAsync("both.example", default)).Delivered);
    }

    [Theory]
    [InlineData("bulk-p4", null)]
    [InlineData(null, "1")]
    [InlineData("bulk-p4", "0")]
    public async Task Should_refuse_a_bulk_with_lone_or_malformed_producer_headers_with_400(string? id, string? sequence)
    {
        var response = await PostAsync(Ndjson(["lone.example"], 1), id, sequence);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, (await _inner.ReadAsync("lone.example", default)).Delivered);
    }

    [Fact]
    public async Task Should_refuse_a_resend_under_another_partition_count_with_409_and_count_nothing_of_it()
    {
        var domains = Domains("repart", 40);
        var body = Ndjson(domains, 1);
        _broken = true;
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await PostAsync(body, "bulk-p5", "2")).StatusCode);
        var before = await CountsAsync(domains);
        _broken = false;
        await using var two = new IngestApiFactory(new Dictionary<string, string?> { ["Ingest:Partitions"] = "2" }, _store);

        var resent = await PostAsync(two.CreateClient(), body, "bulk-p5", "2");

        Assert.Equal(HttpStatusCode.Conflict, resent.StatusCode);
        Assert.Equal(Partitions, JsonDocument.Parse(await resent.Content.ReadAsStringAsync()).RootElement.GetProperty("recordedPartitions").GetInt32());
        Assert.Equal(before, await CountsAsync(domains));
        // Where its parts were cut, the resend completes it exactly.
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(body, "bulk-p5", "2")).StatusCode);
        Assert.All(await CountsAsync(domains), c => Assert.Equal(1, c.Delivered));
    }

    private static string[] Domains(string prefix, int count) =>
        Enumerable.Range(0, count).Select(i => $"{prefix}{i}.example").ToArray();

    private static string Ndjson(IEnumerable<string> domains, int timesEach)
    {
        var lines = new StringBuilder();
        for (var round = 0; round < timesEach; round++)
        {
            foreach (var domain in domains)
                lines.Append($$"""{"domain":"{{domain}}","kind":"delivered"}""").Append('\n');
        }
        return lines.ToString();
    }

    private async Task<DomainCounts[]> CountsAsync(IEnumerable<string> domains) =>
        await Task.WhenAll(domains.Select(d => _inner.ReadAsync(d, default)));

    private Task<HttpResponseMessage> PostAsync(string body, string? id, string? sequence) => PostAsync(_client, body, id, sequence);

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string body, string? id, string? sequence)
    {
        using var request = Request(body, id, sequence);
        return await client.SendAsync(request);
    }

    private static HttpRequestMessage Request(string body, string? id, string? sequence)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/events") { Content = new StringContent(body, Encoding.UTF8, "application/x-ndjson") };
        if (id is not null)
            request.Headers.TryAddWithoutValidation(ProducerSession.IdHeader, id);
        if (sequence is not null)
            request.Headers.TryAddWithoutValidation(ProducerSession.SequenceHeader, sequence);
        return request;
    }
}
