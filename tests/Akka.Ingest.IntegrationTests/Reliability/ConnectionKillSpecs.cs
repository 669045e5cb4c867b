using Akka.Ingest.Testing;
using Npgsql;

using Xunit.Abstractions;

namespace Akka.Ingest.IntegrationTests.Reliability;

/// <summary>Connections killed from the server side (<c>pg_terminate_backend</c>) again and again under load.</summary>
[Collection(PostgresCollection.Name)]
public sealed class ConnectionKillSpecs(PostgresFixture postgres, ITestOutputHelper output)
{
    [Fact]
    public async Task Should_count_exactly_the_acknowledged_events_while_connections_are_terminated()
    {
        var connectionString = await postgres.Server.CreateDatabaseAsync("terminate");
        var database = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        await using var host = await IngestHost.StartAsync(["--store", "Postgres", "--connection-string", connectionString,
            "--Ingest:RequestTimeout=00:00:02", "--Ingest:WriterMaxBackoff=00:00:00.200"]);
        using var client = PutLoad.CreateClient(host.Address, 64);
        var load = new PutLoad();

        var running = load.RunAsync(client, LoadVerdict.Events("term", 30, 12_000), concurrency: 64);
        var terminated = 0;
        while (!running.IsCompleted)
        {
            terminated += await postgres.Server.TerminateConnectionsAsync(database);
            await Task.WhenAny(running, Task.Delay(TimeSpan.FromMilliseconds(150)));
        }
        await running;

        Assert.True(terminated > 0, "no connection was terminated");
        Assert.Equal(0, load.OtherStatuses);
        Assert.Equal(0, load.TransportErrors);
        Assert.Equal(12_000, load.Acknowledged + load.Unavailable);
        var (acknowledged, counted) = await LoadVerdict.AssertCountedEqualsAcknowledgedAsync(connectionString, load, LoadVerdict.Domains("term", 30));
        output.WriteLine($"acknowledged {acknowledged}, counted {counted}, 503 {load.Unavailable}, transport errors {load.TransportErrors}");
    }
}
