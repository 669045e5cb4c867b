using Akka.Ingest.Testing;

using Xunit.Abstractions;

namespace Akka.Ingest.IntegrationTests.Reliability;

/// <summary>
/// PostgreSQL killed (<c>pg_ctl stop -m immediate</c>) and started again, twice in one run, under load:
/// every acknowledged event is counted exactly once, and nothing answered 503 is counted. Own server.
/// </summary>
public sealed class DatabaseCrashSpecs(ITestOutputHelper output) : IAsyncLifetime
{
    private PostgresServer _server = null!;

    public async Task InitializeAsync() => _server = await PostgresServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Should_count_every_acknowledged_event_exactly_once_across_two_database_crashes()
    {
        var connectionString = await _server.CreateDatabaseAsync("crash");
        await using var host = await IngestHost.StartAsync(["--store", "Postgres", "--connection-string", connectionString,
            "--Ingest:RequestTimeout=00:00:01", "--Ingest:WriterMaxBackoff=00:00:00.500"]);
        using var client = PutLoad.CreateClient(host.Address, 64);
        var load = new PutLoad();

        // Paced: a stalled partition refuses at once, so an unpaced load would spend all its events during an outage.
        var running = load.RunAsync(client, LoadVerdict.Events("crash", 50, 16_000), concurrency: 64, ratePerSecond: 1_000);
        foreach (var round in new[] { 2_000, 6_000 })
        {
            await Eventually.TrueAsync(() => load.Acknowledged >= round, TimeSpan.FromSeconds(90), $"{round} events are acknowledged");
            var refusedBefore = load.Unavailable;
            await _server.StopImmediateAsync();
            await Eventually.TrueAsync(() => load.Unavailable >= refusedBefore + 50, TimeSpan.FromSeconds(60), "requests are refused while the database is down");
            await _server.StartAsync();
        }
        await running;

        Assert.Equal(0, load.OtherStatuses);
        Assert.Equal(0, load.TransportErrors);
        Assert.Equal(16_000, load.Acknowledged + load.Unavailable);
        Assert.True(load.Acknowledged > 6_000, "acknowledgements resumed after the second crash");
        var (acknowledged, counted) = await LoadVerdict.AssertCountedEqualsAcknowledgedAsync(connectionString, load, LoadVerdict.Domains("crash", 50));
        output.WriteLine($"acknowledged {acknowledged}, counted {counted}, 503 {load.Unavailable}, transport errors {load.TransportErrors}");
    }
}
