using Akka.Ingest.Domain;
using Akka.Ingest.Stores;
using Akka.Ingest.Stores.Postgres;
using Akka.Ingest.Testing;
using Microsoft.Extensions.DependencyInjection;

using Xunit.Abstractions;

namespace Akka.Ingest.IntegrationTests.Reliability;

/// <summary>
/// The writer crashes on every 5th write before the commit and on every 7th right after it (the batch is
/// durable, the reply is lost), under load against PostgreSQL: retries never lose or double count.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class WriterCrashSpecs(PostgresFixture postgres, ITestOutputHelper output)
{
    [Fact]
    public async Task Should_count_exactly_the_acknowledged_events_when_writers_crash_on_every_nth_batch()
    {
        var connectionString = await postgres.Server.CreateDatabaseAsync("writercrash");
        var faulty = new FaultInjectingCounterStore(new PostgresCounterStore(connectionString, CatchAllPolicy.Default),
            attempt => attempt % 7 == 0 ? StoreFault.FailAfterCommit : attempt % 5 == 0 ? StoreFault.FailBeforeCommit : StoreFault.None);
        await using var host = await IngestHost.StartAsync(
            ["--store", "Postgres", "--connection-string", connectionString, "--Ingest:RequestTimeout=00:00:30", "--Ingest:WriterMaxBackoff=00:00:00.100"],
            services => services.AddSingleton<ICounterStore>(faulty));
        using var client = PutLoad.CreateClient(host.Address, 64);
        var load = new PutLoad();

        await load.RunAsync(client, LoadVerdict.Events("crash", 25, 8_000), concurrency: 64);

        Assert.True(faulty.Attempts >= 14, $"only {faulty.Attempts} writes: the faults were not exercised");
        Assert.Equal(8_000, load.Acknowledged);
        var (acknowledged, counted) = await LoadVerdict.AssertCountedEqualsAcknowledgedAsync(connectionString, load, LoadVerdict.Domains("crash", 25));
        output.WriteLine($"acknowledged {acknowledged}, counted {counted}, 503 {load.Unavailable}, transport errors {load.TransportErrors}");
    }
}
