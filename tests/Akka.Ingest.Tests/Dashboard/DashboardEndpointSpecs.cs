using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Akka.Actor;
using Akka.Ingest.Testing;
using Akka.Ingest.Tests.Management;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Akka.Ingest.Tests.Dashboard;

/// <summary>
/// <c>/admin/dashboard</c> over HTTP: the page and its assets come from the host itself, the dashboard shares
/// <c>/admin</c>'s access rule, and its stream opens with the history and then moves by what was sent.
/// </summary>
[Collection(IngestHostCollection.Name)]
public sealed class DashboardEndpointSpecs
{
    private const string Token = "dash-token";

    [Fact]
    public async Task Should_serve_the_page_and_its_assets_from_the_host_alone()
    {
        await using var host = await IngestHost.StartOnTemporarySqliteAsync();

        var page = await host.Management.GetAsync("/admin/dashboard");
        var html = await page.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("href=\"/admin/dashboard/dashboard.css\"", html);
        Assert.Contains("src=\"/admin/dashboard/dashboard.js\"", html);

        foreach (var (path, mediaType) in new[] { ("/admin/dashboard/dashboard.js", "text/javascript"), ("/admin/dashboard/dashboard.css", "text/css") })
        {
            var asset = await host.Management.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, asset.StatusCode);
            Assert.Equal(mediaType, asset.Content.Headers.ContentType?.MediaType);
            // Nothing is fetched from elsewhere at run time: no absolute address in what the page loads.
            var text = await asset.Content.ReadAsStringAsync();
            Assert.DoesNotContain("http://", text);
            Assert.DoesNotContain("https://", text);
        }
        Assert.DoesNotContain("http", html);
    }

    [Fact]
    public async Task Should_guard_the_dashboard_and_its_stream_like_the_other_admin_endpoints()
    {
        await using var host = await IngestHost.StartAsync([$"--Management:Token={Token}"],
            services => services.AddSingleton<IStartupFilter>(new RemoteAddressStartupFilter(IPAddress.Parse("192.0.2.10"))));

        foreach (var path in new[] { "/admin/dashboard", "/admin/dashboard/dashboard.js", "/admin/dashboard/stream" })
            Assert.Equal(HttpStatusCode.Unauthorized, (await host.Management.GetAsync(path)).StatusCode);

        host.Management.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        Assert.Equal(HttpStatusCode.OK, (await host.Management.GetAsync("/admin/dashboard")).StatusCode);
    }

    [Fact]
    public async Task Should_stream_the_history_then_samples_that_move_by_what_was_sent()
    {
        await using var host = await IngestHost.StartOnTemporarySqliteAsync("--Ingest:Partitions=2", "--Dashboard:SampleInterval=00:00:00.200");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var response = await host.Management.GetAsync("/admin/dashboard/stream", HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(timeout.Token));

        var (kind, hello) = await NextEventAsync(reader, timeout.Token);
        Assert.Equal("hello", kind);
        Assert.Equal(2, hello.GetProperty("partitions").GetInt32());
        Assert.Equal(200, hello.GetProperty("sampleIntervalMs").GetDouble());
        var (_, first) = await NextEventAsync(reader, timeout.Token);
        var committedBefore = first.GetProperty("totals").GetProperty("committed").GetInt64();
        Assert.Equal("single-node", first.GetProperty("cluster").GetProperty("mode").GetString());
        Assert.Equal(2, first.GetProperty("partitions").GetArrayLength());

        for (var i = 0; i < 25; i++)
            Assert.Equal(HttpStatusCode.NoContent, (await host.Client.PutAsync($"/events/stream{i % 5}.example/delivered", null, timeout.Token)).StatusCode);

        // Samples keep coming; the committed total reaches exactly 25 more, and some sample saw a rate above zero.
        var sawRate = false;
        while (true)
        {
            var (next, sample) = await NextEventAsync(reader, timeout.Token);
            Assert.Equal("sample", next);
            sawRate |= sample.GetProperty("rates").GetProperty("committed").GetDouble() > 0;
            var committed = sample.GetProperty("totals").GetProperty("committed").GetInt64();
            Assert.InRange(committed, committedBefore, committedBefore + 25);
            if (committed == committedBefore + 25 && sawRate)
                break;
        }
    }

    [Fact]
    public async Task Should_send_new_transitions_oldest_first_without_starting_the_read_journals_sequence_poller()
    {
        await using var host = await IngestHost.StartOnTemporarySqliteAsync(
            "--Ingest:CatchAllThreshold=2", "--Dashboard:SampleInterval=00:00:00.200", "--Ingest:StatusFeed:PollInterval=00:00:00.050");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var response = await host.Management.GetAsync("/admin/dashboard/stream", HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(timeout.Token));
        Assert.Equal("hello", (await NextEventAsync(reader, timeout.Token)).Kind);

        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.NoContent, (await host.Client.PutAsync("/events/panel-a.example/delivered", null, timeout.Token)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await host.Client.PutAsync("/events/panel-a.example/bounced", null, timeout.Token)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await host.Client.PutAsync("/events/panel-b.example/bounced", null, timeout.Token)).StatusCode);

        var shown = new List<(string Domain, string From, string To)>();
        while (shown.Count < 3)
        {
            var (kind, sample) = await NextEventAsync(reader, timeout.Token);
            Assert.Equal("sample", kind);
            shown.AddRange(sample.GetProperty("transitions").EnumerateArray().Select(t =>
                (t.GetProperty("domain").GetString()!, t.GetProperty("from").GetString()!, t.GetProperty("to").GetString()!)));
        }

        Assert.Equal(
            [("panel-a.example", "unknown", "catch-all"), ("panel-a.example", "catch-all", "not catch-all"), ("panel-b.example", "unknown", "not catch-all")],
            shown);
        // Read from the relay's journal by replay: the read journal, whose first use starts a journal query every second
        // for the host's life, is started by a feed client, not by the dashboard.
        var system = host.Services.GetRequiredService<ActorSystem>();
        await Assert.ThrowsAsync<ActorNotFoundException>(() => system.ActorSelection(SequencePollerPath).ResolveOne(TimeSpan.FromSeconds(3)));
        Assert.Equal(HttpStatusCode.OK, (await host.Client.GetAsync("/domains/changes", timeout.Token)).StatusCode);
        await system.ActorSelection(SequencePollerPath).ResolveOne(TimeSpan.FromSeconds(3));
    }

    /// <summary>Akka.Persistence.Sql's <c>JournalSequenceActor</c>, which the read journal starts under <c>/system</c>.</summary>
    private const string SequencePollerPath = "/system/*akka-persistence-sql-sequence-actor";

    private static async Task<(string Kind, JsonElement Data)> NextEventAsync(StreamReader reader, CancellationToken cancellationToken)
    {
        string? kind = null;
        string? data = null;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.StartsWith("event: ", StringComparison.Ordinal))
                kind = line[7..];
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
                data = line[6..];
            else if (line.Length == 0 && kind is not null && data is not null)
                return (kind, JsonDocument.Parse(data).RootElement.Clone());
        }
        throw new EndOfStreamException("The dashboard stream ended.");
    }
}
