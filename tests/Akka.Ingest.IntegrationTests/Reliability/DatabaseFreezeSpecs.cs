using Akka.Ingest.Testing;

using Xunit.Abstractions;

namespace Akka.Ingest.IntegrationTests.Reliability;

/// <summary>
/// PostgreSQL frozen with SIGSTOP for longer than the request timeout, then resumed with SIGCONT: requests
/// that time out in the freeze get 503 and are not counted; those whose write was already under way wait
/// for it; the counts equal the acknowledgements exactly. Own server.
/// </summary>
public sealed class DatabaseFreezeSpecs(ITestOutputHelper output) : IAsyncLifetime
{
    private PostgresServer _server = null!;

    public async Task InitializeAsync() => _server = await PostgresServer.StartAsync();

    public async Task DisposeAsync()
    {
        await _server.ThawAsync();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Should_refuse_and_not_count_what_times_out_while_the_database_is_frozen()
    {
        var connectionString = await _server.CreateDatabaseAsync("freeze");
        await using var host = await IngestHost.StartAsync(["--store", "Postgres", "--connection-string", connectionString,
            "--Ingest:RequestTimeout=00:00:01"]);
        using var client = PutLoad.CreateClient(host.Address, 64);
        var load = new PutLoad();

        var running = load.RunAsync(client, LoadVerdict.Events("freeze", 40, 10_000), concurrency: 64);
        await Eventually.TrueAsync(() => load.Acknowledged >= 2_000, TimeSpan.FromSeconds(60), "2,000 events are acknowledged");
        await _server.FreezeAsync();
        var acknowledgedAtFreeze = load.Acknowledged;
        await Eventually.TrueAsync(() => load.Unavailable >= 100, TimeSpan.FromSeconds(60), "requests time out while the database is frozen");
        var acknowledgedInFreeze = load.Acknowledged - acknowledgedAtFreeze;
        await _server.ThawAsync();
        await running;

        Assert.True(acknowledgedInFreeze <= 64, $"{acknowledgedInFreeze} acknowledged while frozen: at most the writes already under way");
        Assert.Equal(0, load.OtherStatuses);
        Assert.Equal(0, load.TransportErrors);
        Assert.Equal(10_000, load.Acknowledged + load.Unavailable);
        var (acknowledged, counted) = await LoadVerdict.AssertCountedEqualsAcknowledgedAsync(connectionString, load, LoadVerdict.Domains("freeze", 40));
        output.WriteLine($"acknowledged {acknowledged}, counted {counted}, 503 {load.Unavailable}, transport errors {load.TransportErrors}");
    }
}
