using System.Net;
using System.Net.Http.Json;
using Akka.Ingest.Pipeline.Http;
using Akka.Ingest.Testing;

namespace Akka.Ingest.IntegrationTests.Reliability;

/// <summary>The host started before its database: it says what it waits for, then serves counts and the feed. Own server.</summary>
public sealed class DatabaseLateStartSpecs : IAsyncLifetime
{
    private PostgresServer _server = null!;

    public async Task InitializeAsync() => _server = await PostgresServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Should_wait_for_the_database_and_then_work_fully()
    {
        var connectionString = await _server.CreateDatabaseAsync("late");
        await _server.StopImmediateAsync();

        var starting = HostProcess.StartAsync(["--store", "Postgres", "--connection-string", connectionString, "--threshold", "3",
            "--Ingest:StatusFeed:PollInterval=00:00:00.050", "--Ingest:StatusFeed:QueryRefreshInterval=00:00:00.100"], TimeSpan.FromSeconds(90));
        await Task.Delay(TimeSpan.FromSeconds(3));
        await _server.StartAsync();
        await using var host = await starting;

        Assert.Contains("Waiting for the store postgres", host.Output);
        using var client = new HttpClient { BaseAddress = host.Address };
        for (var i = 0; i < 4; i++)
            Assert.Equal(HttpStatusCode.NoContent, (await client.PutAsync("/events/late.example/delivered", null)).StatusCode);
        await Eventually.TrueAsync(
            () => client.GetFromJsonAsync<StatusFeedEndpoints.StatusChangePage>("/domains/changes").Result!.Items.Count == 1,
            TimeSpan.FromSeconds(30), "the catch-all transition reaches the journal");
    }
}
