using Akka.Ingest.Testing;
using Npgsql;
using Xunit.Abstractions;

namespace Akka.Ingest.IntegrationTests.Reliability;

/// <summary>
/// About three times the sustainable rate (1,024 clients, a 250 ms request timeout), against PostgreSQL slowed to
/// a known ceiling (one partition, 50 events per batch, a statement trigger that sleeps 20 ms per batch:
/// 2,500 events/s), for 15 s: the excess gets 503 with Retry-After, accepted requests stay within the request
/// timeout (as the host times them), the host process's resident memory stays bounded (measured on the host alone,
/// in its own process, not on the test process with its 1,024 clients), counts equal the acknowledgements, and the
/// normal rate is served again afterwards.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class OverloadSpecs(PostgresFixture postgres, ITestOutputHelper output)
{
    private const double SustainableRate = 2_500;

    [Fact]
    public async Task Should_turn_overload_into_503s_and_bounded_memory_then_recover()
    {
        var connectionString = await postgres.Server.CreateDatabaseAsync("overload");
        await using var host = await HostProcess.StartAsync(
            ["--store", "Postgres", "--connection-string", connectionString, "--partitions", "1",
             "--Ingest:MaxBatchEvents=50", "--Ingest:QueueCapacity=500", "--Ingest:RequestTimeout=00:00:00.250", "--Ingest:RetryAfterSeconds=2"],
            TimeSpan.FromSeconds(60));
        using var client = PutLoad.CreateClient(host.Address, 1024);
        await Eventually.TrueAsync(() => client.GetAsync("/health/ready").Result.IsSuccessStatusCode, TimeSpan.FromSeconds(30), "the host has migrated its store");
        await SlowEveryBatchAsync(connectionString, TimeSpan.FromMilliseconds(20));
        var overload = new PutLoad();
        var domains = LoadVerdict.Domains("over", 100);
        var residentBefore = host.Memory().Resident;

        const int seconds = 15;
        var events = LoadVerdict.Events("over", 100, (int)(3 * SustainableRate * seconds));
        await overload.RunAsync(client, events, concurrency: 1024, ratePerSecond: 3 * SustainableRate);
        var peakGrowthMb = (host.Memory().Peak - residentBefore) / 1024 / 1024;
        var accepted = ScrapedHistogram.Parse(await client.GetStringAsync("/metrics"), "http_request_duration_seconds", "code=\"204\"", "method=\"PUT\"");

        Assert.Equal(0, overload.OtherStatuses);
        Assert.Equal(0, overload.TransportErrors);
        Assert.True(overload.Unavailable > overload.Acknowledged / 10, $"only {overload.Unavailable} 503s: the load did not overload the host");
        Assert.All(overload.RetryAfterValues, value => Assert.Equal("2", value));
        // Timed by the host: the test process, 1,024 clients on the same two cores, adds its own queueing to what it measures.
        Assert.Equal(overload.Acknowledged, accepted.Count);
        var hostP99 = accepted.PercentileBound(99);
        Assert.True(hostP99 <= 0.512, $"the host answered 1 % of accepted PUTs after more than {hostP99} s: beyond the 250 ms request timeout plus a write or two");
        var p99 = overload.AcknowledgedLatencyPercentile(99);
        Assert.True(peakGrowthMb < 256, $"the host's resident set grew by {peakGrowthMb} MB under overload");

        // Afterwards, a load within the ceiling is served again (a rare 503 from a pause is allowed, a backlog is not).
        var after = new PutLoad();
        await after.RunAsync(client, LoadVerdict.Events("over", 100, 1_000), concurrency: 16, ratePerSecond: SustainableRate / 2);
        Assert.True(after.Acknowledged >= 990, $"only {after.Acknowledged} of 1,000 acknowledged after the overload");

        await LoadVerdict.AssertCountedEqualsAcknowledgedAsync(connectionString, Combined(overload, after), domains);
        output.WriteLine($"offered {3 * SustainableRate}/s for {seconds} s: acknowledged {overload.Acknowledged}, 503 {overload.Unavailable}, " +
                         $"accepted p50 {overload.AcknowledgedLatencyPercentile(50):F0} ms p99 {p99:F0} ms as the client saw it, p99 within {hostP99 * 1000:F0} ms as the host timed it, host peak resident growth {peakGrowthMb} MB");
    }

    /// <summary>Every write statement on the counts sleeps first: a ceiling the host cannot see or work around.</summary>
    private static async Task SlowEveryBatchAsync(string connectionString, TimeSpan perBatch)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"""
            CREATE FUNCTION slow_batch() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN PERFORM pg_sleep({perBatch.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)}); RETURN NULL; END $$;
            CREATE TRIGGER slow_batch BEFORE INSERT ON domain_counts FOR EACH STATEMENT EXECUTE FUNCTION slow_batch();
            """, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static PutLoad Combined(PutLoad first, PutLoad second)
    {
        var combined = new PutLoad();
        combined.Add(first);
        combined.Add(second);
        return combined;
    }
}
