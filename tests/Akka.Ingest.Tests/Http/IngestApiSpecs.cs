using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Akka.Ingest.Pipeline.Http;

namespace Akka.Ingest.Tests.Http;

public sealed class IngestApiSpecs : IAsyncLifetime
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
    public async Task Should_acknowledge_a_put_with_204_and_show_it_in_the_next_get()
    {
        var put = await _client.PutAsync("/events/Example.COM/delivered", null);
        Assert.Equal(HttpStatusCode.NoContent, put.StatusCode);

        var view = await _client.GetFromJsonAsync<DomainView>("/domains/example.com.");
        Assert.Equal(new DomainView("example.com", "unknown", 1, 0), view);
    }

    [Fact]
    public async Task Should_answer_the_spec_json_shape_for_a_domain_never_seen()
    {
        var response = await _client.GetAsync("/domains/never-seen.example");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(["domain", "status", "delivered", "bounced"], json.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal("unknown", json.RootElement.GetProperty("status").GetString());
        Assert.Equal(0, json.RootElement.GetProperty("delivered").GetInt64());
    }

    [Fact]
    public async Task Should_classify_with_the_configured_threshold_and_make_a_bounce_final()
    {
        for (var i = 0; i < 4; i++)
            Assert.Equal(HttpStatusCode.NoContent, (await _client.PutAsync("/events/catch.example/delivered", null)).StatusCode);
        Assert.Equal("catch-all", (await _client.GetFromJsonAsync<DomainView>("/domains/catch.example"))!.Status);

        Assert.Equal(HttpStatusCode.NoContent, (await _client.PutAsync("/events/catch.example/bounced", null)).StatusCode);
        for (var i = 0; i < 10; i++)
            await _client.PutAsync("/events/catch.example/delivered", null);

        Assert.Equal(new DomainView("catch.example", "not catch-all", 14, 1), await _client.GetFromJsonAsync<DomainView>("/domains/catch.example"));
    }

    [Fact]
    public async Task Should_count_an_internationalised_name_under_its_punycode()
    {
        await _client.PutAsync("/events/b%C3%BCcher.de/delivered", null);
        await _client.PutAsync("/events/BÜCHER.DE/bounced", null);

        Assert.Equal(new DomainView("xn--bcher-kva.de", "not catch-all", 1, 1), await _client.GetFromJsonAsync<DomainView>("/domains/xn--bcher-kva.de"));
    }

    [Theory]
    [InlineData("PUT", "/events/localhost/delivered")]
    [InlineData("PUT", "/events/bad..example/bounced")]
    [InlineData("PUT", "/events/exa%20mple.com/delivered")]
    [InlineData("PUT", "/events/exa'mple.com/delivered")]
    [InlineData("GET", "/domains/no_dot")]
    [InlineData("GET", "/domains/%20")]
    public async Task Should_reject_a_name_that_is_not_an_email_domain_with_a_problem_body(string method, string path)
    {
        var response = await _client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(400, problem.RootElement.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.RootElement.GetProperty("detail").GetString()));
    }

    [Fact]
    public async Task Should_count_nothing_for_a_rejected_name()
    {
        await _client.PutAsync("/events/exa%20mple.com/delivered", null);
        await _client.PutAsync("/events/EXA MPLE.com./delivered", null);

        var view = await _client.GetFromJsonAsync<DomainView>("/domains/mple.com");
        Assert.Equal(0, view!.Delivered);
    }

    [Theory]
    [InlineData("GET", "/")]
    [InlineData("GET", "/nothing-here")]
    [InlineData("PUT", "/events/example.com/opened")]
    [InlineData("PUT", "/events/example.com")]
    [InlineData("GET", "/domain")]
    [InlineData("PUT", "/events/example.com/delivered/extra")]
    public async Task Should_answer_404_for_paths_outside_the_api(string method, string path)
    {
        var response = await _client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("GET", "/events/example.com/delivered")]
    [InlineData("POST", "/events/example.com/bounced")]
    [InlineData("DELETE", "/domains/example.com")]
    [InlineData("PUT", "/domains/example.com")]
    public async Task Should_answer_405_for_a_known_path_with_the_wrong_method(string method, string path)
    {
        var response = await _client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));
        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }
}
