using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Akka.Ingest.Pipeline.Http;
using Akka.Ingest.Tests.Http;
using System.Net.Http.Json;

namespace Akka.Ingest.Tests.Hostile;

/// <summary>Bulk bodies a hostile or careless client sends: bad bytes, forged content types, oversized values.</summary>
public sealed class BulkInputSpecs : IAsyncLifetime
{
    private readonly IngestApiFactory _factory = new();
    private HttpClient _client = null!;

    public Task InitializeAsync()
    {
        _client = _factory.CreateClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    public static TheoryData<byte[]> InvalidUtf8InsideStrings => new()
    {
        Concat("{\"domain\":\"a.example\",\"kind\":\"", [0xFF], "\"}"),
        Concat("{\"domain\":\"\\u0061", [0xFF], ".example\",\"kind\":\"delivered\"}"),
        Concat("{\"domain\":\"", [0xC3, 0x28], ".example\",\"kind\":\"delivered\"}"),
    };

    [Theory]
    [MemberData(nameof(InvalidUtf8InsideStrings))]
    public async Task Should_answer_400_naming_the_line_when_a_string_holds_invalid_utf8(byte[] badLine)
    {
        var body = Concat("{\"domain\":\"fine.example\",\"kind\":\"delivered\"}\n", badLine, null, "\n");

        var response = await PostAsync(body, "application/x-ndjson");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(2, problem.RootElement.GetProperty("line").GetInt32());
        Assert.Equal(0, (await _client.GetFromJsonAsync<DomainView>("/domains/fine.example"))!.Delivered);
    }

    [Fact]
    public async Task Should_answer_400_naming_the_item_when_an_array_string_holds_invalid_utf8()
    {
        var body = Concat("[{\"domain\":\"fine.example\",\"kind\":\"delivered\"},{\"domain\":\"b.example\",\"kind\":\"", [0xFF], "\"}]");

        var response = await PostAsync(body, "application/json");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(2, problem.RootElement.GetProperty("item").GetInt32());
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("multipart/form-data; boundary=x")]
    [InlineData("application/json; charset=utf-16")]
    [InlineData(null)]
    public async Task Should_refuse_a_body_that_is_not_ndjson_or_json_with_415_and_count_nothing(string? contentType)
    {
        var content = new ByteArrayContent("{\"domain\":\"forged.example\",\"kind\":\"bounced\"}\n"u8.ToArray());
        if (contentType is not null)
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);

        var response = await _client.PostAsync("/events", content);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(0, (await _client.GetFromJsonAsync<DomainView>("/domains/forged.example"))!.Bounced);
    }

    [Theory]
    [InlineData("application/x-ndjson")]
    [InlineData("application/x-ndjson; charset=utf-8")]
    [InlineData("Application/JSON; charset=UTF-8")]
    public async Task Should_accept_ndjson_and_json_with_or_without_a_utf8_charset(string contentType)
    {
        var content = new ByteArrayContent("{\"domain\":\"typed.example\",\"kind\":\"delivered\"}\n"u8.ToArray());
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);

        Assert.Equal(HttpStatusCode.OK, (await _client.PostAsync("/events", content)).StatusCode);
    }

    [Fact]
    public async Task Should_not_echo_an_oversized_domain_back_in_the_problem()
    {
        var huge = new string('a', 1_000_000);
        var body = Encoding.UTF8.GetBytes($"{{\"domain\":\"{huge}\",\"kind\":\"delivered\"}}\n");

        var response = await PostAsync(body, "application/x-ndjson");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(text.Length < 2_000, $"The problem body is {text.Length} characters long.");
        using var problem = JsonDocument.Parse(text);
        Assert.Equal(1, problem.RootElement.GetProperty("line").GetInt32());
    }

    private Task<HttpResponseMessage> PostAsync(byte[] body, string mediaType)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        return _client.PostAsync("/events", content);
    }

    private static byte[] Concat(string before, byte[] middle, string after = "") =>
        [.. Encoding.UTF8.GetBytes(before), .. middle, .. Encoding.UTF8.GetBytes(after)];

    private static byte[] Concat(string before, byte[] middle, byte[]? rest, string after) =>
        [.. Concat(before, middle), .. rest ?? [], .. Encoding.UTF8.GetBytes(after)];

}
