using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Akka.Ingest.Pipeline.Http;
using Akka.Ingest.Testing;

namespace Akka.Ingest.Tests.Http;

public sealed class BulkEndpointSpecs : IAsyncLifetime
{
    private readonly IngestApiFactory _factory = new(new Dictionary<string, string?> { ["Ingest:CatchAllThreshold"] = "3" });
    private HttpClient _client = null!;

    public Task InitializeAsync()
    {
        _client = _factory.CreateClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task Should_count_every_event_of_a_valid_ndjson_body_exactly_once_before_answering()
    {
        var lines = new StringBuilder();
        for (var i = 0; i < 500; i++)
            lines.Append($$"""{"domain":"bulk{{i % 50}}.example","kind":"{{(i % 10 == 0 ? "bounced" : "delivered")}}"}""").Append('\n');

        var response = await PostAsync(lines.ToString(), "application/x-ndjson");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(500, (await response.Content.ReadFromJsonAsync<BulkEndpoints.BulkAcknowledgement>())!.Events);
        for (var d = 0; d < 50; d++)
        {
            var view = await _client.GetFromJsonAsync<DomainView>($"/domains/bulk{d}.example");
            // Domain d gets events d, d+50, …: ten in all, of which those with i % 10 == 0 are bounces.
            var bounced = Enumerable.Range(0, 10).Count(k => (d + 50 * k) % 10 == 0);
            Assert.Equal(new DomainView($"bulk{d}.example", bounced > 0 ? "not catch-all" : "catch-all", 10 - bounced, bounced), view);
        }
    }

    [Fact]
    public async Task Should_normalise_domains_like_a_put_and_skip_blank_lines_and_crlf()
    {
        var body = "{\"domain\":\"Mixed.EXAMPLE.\",\"kind\":\"delivered\"}\r\n\r\n{\"kind\":\"delivered\",\"domain\":\"b\\u00fccher.de\",\"extra\":[1,2]}\n";

        Assert.Equal(HttpStatusCode.OK, (await PostAsync(body, "application/x-ndjson")).StatusCode);

        Assert.Equal(1, (await _client.GetFromJsonAsync<DomainView>("/domains/mixed.example"))!.Delivered);
        Assert.Equal(1, (await _client.GetFromJsonAsync<DomainView>("/domains/xn--bcher-kva.de"))!.Delivered);
    }

    [Theory]
    [InlineData("{\"domain\":\"not-a-domain\",\"kind\":\"delivered\"}", "Invalid domain")]
    [InlineData("{\"domain\":\"ok.example\",\"kind\":\"opened\"}", "\"kind\"")]
    [InlineData("{\"domain\":\"ok.example\"}", "\"kind\" is missing")]
    [InlineData("{\"domain\":\"ok.example\",\"kind\":\"delivered\"", "Not valid JSON")]
    [InlineData("[1,2]", "Expected one JSON object")]
    public async Task Should_refuse_the_whole_body_naming_the_first_bad_line_and_count_nothing(string badLine, string reason)
    {
        var body = "{\"domain\":\"before.example\",\"kind\":\"delivered\"}\n"
                   + "{\"domain\":\"before.example\",\"kind\":\"bounced\"}\n"
                   + badLine + "\n"
                   + "{\"domain\":\"after.example\",\"kind\":\"delivered\"}\n";

        var response = await PostAsync(body, "application/x-ndjson");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(3, problem.RootElement.GetProperty("line").GetInt32());
        Assert.Contains("Line 3", problem.RootElement.GetProperty("detail").GetString());
        Assert.Contains(reason, problem.RootElement.GetProperty("detail").GetString());
        Assert.Equal(new DomainView("before.example", "unknown", 0, 0), await _client.GetFromJsonAsync<DomainView>("/domains/before.example"));
        Assert.Equal(0, (await _client.GetFromJsonAsync<DomainView>("/domains/after.example"))!.Delivered);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  \n\r\n ")]
    [InlineData("[]")]
    public async Task Should_refuse_a_body_without_events(string body)
    {
        var response = await PostAsync(body, "application/x-ndjson");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Should_accept_a_json_array_of_the_same_objects()
    {
        var body = """
            [
              {"domain":"array.example","kind":"delivered"},
              {"domain":"array.example","kind":"delivered"},
              {"domain":"other.example","kind":"bounced"}
            ]
            """;

        var response = await PostAsync(body, "application/json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(new DomainView("array.example", "unknown", 2, 0), await _client.GetFromJsonAsync<DomainView>("/domains/array.example"));
        Assert.Equal(new DomainView("other.example", "not catch-all", 0, 1), await _client.GetFromJsonAsync<DomainView>("/domains/other.example"));
    }

    [Fact]
    public async Task Should_name_the_bad_item_of_a_json_array_and_count_nothing()
    {
        var body = """[{"domain":"first.example","kind":"delivered"},{"domain":"","kind":"delivered"}]""";

        var response = await PostAsync(body, "application/json");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(2, problem.RootElement.GetProperty("item").GetInt32());
        Assert.Equal(0, (await _client.GetFromJsonAsync<DomainView>("/domains/first.example"))!.Delivered);
    }

    [Fact]
    public async Task Should_answer_503_and_count_nothing_when_the_bulk_is_not_committed_in_time()
    {
        var store = new GatedCounterStore(new InMemoryCounterStore());
        await using var factory = new IngestApiFactory(new Dictionary<string, string?>
        {
            ["Ingest:Partitions"] = "1",
            ["Ingest:RequestTimeout"] = "00:00:00.300",
            ["Ingest:RetryAfterSeconds"] = "7",
        }, store);
        var client = factory.CreateClient();
        var held = client.PutAsync("/events/held.example/delivered", null);
        store.NextStarted(TimeSpan.FromSeconds(10));

        var response = await client.PostAsync("/events", new StringContent(
            "{\"domain\":\"late.example\",\"kind\":\"delivered\"}\n{\"domain\":\"late.example\",\"kind\":\"bounced\"}\n",
            Encoding.UTF8, "application/x-ndjson"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("7", response.Headers.GetValues("Retry-After").Single());
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(2, problem.RootElement.GetProperty("events").GetInt64());
        Assert.Equal(0, problem.RootElement.GetProperty("committedEvents").GetInt64());
        store.Open(100);
        Assert.Equal(HttpStatusCode.NoContent, (await held).StatusCode);
        Assert.Equal(new DomainView("late.example", "unknown", 0, 0), await client.GetFromJsonAsync<DomainView>("/domains/late.example"));
    }

    private Task<HttpResponseMessage> PostAsync(string body, string mediaType) =>
        _client.PostAsync("/events", new StringContent(body, Encoding.UTF8, mediaType));
}
