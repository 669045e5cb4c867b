using System.Diagnostics;
using Akka.Ingest.Domain;
using Akka.Ingest.Testing;
using Npgsql;
using Xunit.Abstractions;

namespace Akka.Ingest.IntegrationTests.Reliability;

/// <summary>
/// One partition stalled by another session holding one of its rows <c>FOR UPDATE</c>, while clients load every
/// partition: the other partitions keep committing, and the stalled partition's requests are refused quickly
/// instead of holding their connections.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class StalledPartitionSpecs(PostgresFixture postgres, ITestOutputHelper output)
{
    private const int Partitions = 4;

    [Fact]
    public async Task Should_keep_the_other_partitions_committing_and_refuse_the_stalled_one_fast()
    {
        var connectionString = await postgres.Server.CreateDatabaseAsync("stall");
        await using var host = await IngestHost.StartAsync(["--store", "Postgres", "--connection-string", connectionString,
            "--partitions", $"{Partitions}", "--Ingest:MaxBatchEvents=50", "--Ingest:QueueCapacity=400",
            "--Ingest:RequestTimeout=00:00:03", "--Ingest:StallThreshold=00:00:02"]);
        var partitioner = new Partitioner(Partitions);
        var stuck = Enumerable.Range(0, 1000).Select(i => $"s{i}.stall.example").Where(d => partitioner.PartitionOf(d) == 0).Take(20).ToArray();
        var free = Enumerable.Range(0, 1000).Select(i => $"f{i}.stall.example").Where(d => partitioner.PartitionOf(d) != 0).Take(60).ToArray();
        using var client = PutLoad.CreateClient(host.Address, 128);
        // Another session holds a row of the stuck partition: every write that touches it waits on the lock.
        await using var holder = new NpgsqlConnection(connectionString);
        await holder.OpenAsync();
        await using (var insert = new NpgsqlCommand("INSERT INTO domain_counts (domain, delivered, bounced) VALUES ($1, 0, 0)", holder))
        {
            insert.Parameters.AddWithValue(stuck[0]);
            await insert.ExecuteNonQueryAsync();
        }
        await using var transaction = await holder.BeginTransactionAsync();
        await using (var lockRow = new NpgsqlCommand("SELECT 1 FROM domain_counts WHERE domain = $1 FOR UPDATE", holder, transaction))
        {
            lockRow.Parameters.AddWithValue(stuck[0]);
            await lockRow.ExecuteScalarAsync();
        }

        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(12));
        var stuckLoad = new PutLoad();
        var stuckRun = stuckLoad.RunAsync(client, Endless(stuck), concurrency: 64, stop.Token);
        var freeLoad = new PutLoad();
        var started = Stopwatch.GetTimestamp();
        await freeLoad.RunAsync(client, Enumerable.Range(0, 3_000).Select(i => new DomainEvent(free[i % free.Length], EventKind.Delivered)), concurrency: 64);
        var freeSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        await stuckRun;
        await transaction.RollbackAsync();

        output.WriteLine($"free partitions: {freeLoad.Acknowledged} acknowledged in {freeSeconds:F1} s, p99 {freeLoad.AcknowledgedLatencyPercentile(99):F0} ms, " +
                         $"{freeLoad.Unavailable} refused; stuck partition: {stuckLoad.Acknowledged} acknowledged, {stuckLoad.Unavailable} refused");
        Assert.Equal(3_000, freeLoad.Acknowledged);
        Assert.True(freeSeconds < 10, $"the free partitions took {freeSeconds:F1} s for 3,000 events while one partition was stalled");
        Assert.True(stuckLoad.Unavailable > 500, $"only {stuckLoad.Unavailable} requests for the stalled partition were refused in 12 s: they held their connections");
        Assert.Equal(0, stuckLoad.TransportErrors);
        await LoadVerdict.AssertCountedEqualsAcknowledgedAsync(connectionString, Combined(stuckLoad, freeLoad), [.. stuck, .. free]);
    }

    private static IEnumerable<DomainEvent> Endless(string[] domains)
    {
        for (var i = 0; ; i++)
            yield return new DomainEvent(domains[i % domains.Length], EventKind.Delivered);
    }

    private static PutLoad Combined(PutLoad first, PutLoad second)
    {
        var combined = new PutLoad();
        combined.Add(first);
        combined.Add(second);
        return combined;
    }
}
