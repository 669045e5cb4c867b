using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Akka.Ingest.Domain;
using Akka.Ingest.Pipeline.Http;
using Akka.Ingest.Testing;

namespace Akka.Ingest.Tests.Http;

/// <summary>
/// <c>POST /events</c> with an <c>Idempotency-Key</c>: a bulk that committed some partitions and not others can be
/// resent whole; only what was not committed is applied, and the same key with another body is refused.
/// </summary>
public sealed class IdempotentBulkSpecs : IAsyncLifetime
{
    private const int Partitions = 4;
    private static readonly Partitioner Partitioner = new(Partitions);
    private readonly InMemoryCounterStore _inner = new();
    private readonly DomainFaultCounterStore _store;
    private readonly IngestApiFactory _factory;
    private volatile bool _broken = true;
    private HttpClient _client = null!;

    public IdempotentBulkSpecs()
    {
        // Partition 1's store fails until the spec heals it; the others commit.
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
    public async Task Should_apply_only_the_uncommitted_partitions_of_a_resent_bulk_and_answer_as_if_the_first_call_succeeded()
    {
        var domains = Enumerable.Range(0, 40).Select(i => $"idem{i}.example").ToArray();
        var failing = domains.Where(d => Partitioner.PartitionOf(d) == 1).ToArray();
        Assert.NotEmpty(failing);
        Assert.True(failing.Length < domains.Length);
        var body = Ndjson(domains, timesEach: 3);

        var first = await PostAsync(body, "bulk-1");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, first.StatusCode);
        var problem = JsonDocument.Parse(await first.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(3 * (domains.Length - failing.Length), problem.GetProperty("committedEvents").GetInt64());
        Assert.True(_store.Failures > 0, "the injected failure fired");

        _broken = false;
        var resent = await PostAsync(body, "bulk-1");
        Assert.Equal(HttpStatusCode.OK, resent.StatusCode);
        Assert.Equal(3 * domains.Length, (await resent.Content.ReadFromJsonAsync<BulkEndpoints.BulkAcknowledgement>())!.Events);
        var again = await PostAsync(body, "bulk-1");
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);

        foreach (var domain in domains)
            Assert.Equal(new DomainCounts(domain, 3, 0), await _inner.ReadAsync(domain, default));
    }

    [Fact]
    public async Task Should_refuse_the_same_key_with_another_body_with_422_and_count_nothing_of_it()
    {
        _broken = false;
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(Ndjson(["first.example"], 1), "bulk-2")).StatusCode);

        var other = await PostAsync(Ndjson(["second.example"], 1), "bulk-2");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, other.StatusCode);
        Assert.Equal("application/problem+json", other.Content.Headers.ContentType?.MediaType);
        Assert.Equal(0, (await _inner.ReadAsync("second.example", default)).Delivered);
        Assert.Equal(1, (await _inner.ReadAsync("first.example", default)).Delivered);
    }

    [Fact]
    public async Task Should_refuse_a_resend_under_another_partition_count_with_409_and_count_nothing_of_it()
    {
        var domains = Enumerable.Range(0, 40).Select(i => $"repart{i}.example").ToArray();
        var body = Ndjson(domains, timesEach: 3);
        var first = await PostAsync(body, "bulk-3");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, first.StatusCode);
        var before = await CountsAsync(domains);
        Assert.Contains(before, c => c.Delivered == 0);
        Assert.Contains(before, c => c.Delivered == 3);

        // The same store behind a host with another partition count: the parts of the key would be other parts.
        _broken = false;
        await using var repartitioned = new IngestApiFactory(new Dictionary<string, string?>
        {
            ["Ingest:Partitions"] = "2",
        }, _store);
        using var client = repartitioned.CreateClient();
        var resent = await PostAsync(client, body, "bulk-3");

        Assert.Equal(HttpStatusCode.Conflict, resent.StatusCode);
        Assert.Equal("application/problem+json", resent.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await resent.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(Partitions, problem.GetProperty("recordedPartitions").GetInt32());
        Assert.Equal(2, problem.GetProperty("partitions").GetInt32());
        Assert.Equal(before, await CountsAsync(domains));

        // Under the partition count it was first sent with, the resend completes the bulk exactly.
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(body, "bulk-3")).StatusCode);
        Assert.All(await CountsAsync(domains), c => Assert.Equal(3, c.Delivered));
    }

    [Theory]
    [InlineData(256)]
    [InlineData(-1)]
    public async Task Should_refuse_a_malformed_key_with_400(int length)
    {
        var key = length > 0 ? new string('k', length) : "has space";
        _broken = false;
        var response = await PostAsync(Ndjson(["malformed.example"], 1), key);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, (await _inner.ReadAsync("malformed.example", default)).Delivered);
    }

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

    private Task<HttpResponseMessage> PostAsync(string body, string key) => PostAsync(_client, body, key);

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string body, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/events")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/x-ndjson"),
        };
        request.Headers.TryAddWithoutValidation(IdempotencyKey.Header, key);
        return await client.SendAsync(request);
    }
}
