using System.Diagnostics;
using Akka.Ingest.Domain;
using Akka.Ingest.Stores;
using Akka.Ingest.Stores.Postgres;
using Akka.Ingest.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Akka.Ingest.IntegrationTests.Reliability;

/// <summary>
/// About three times the sustainable rate (1,024 clients, a 250 ms request timeout), against PostgreSQL behind
/// a store slowed to a known ceiling (one partition, 50 events per batch, 20 ms per batch: 2,500 events/s),
/// for 15 s: the excess gets 503 with
/// Retry-After, accepted requests stay within the request timeout, memory stays bounded, counts equal the
/// acknowledgements, and the normal rate is served again afterwards.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class OverloadSpecs(PostgresFixture postgres, ITestOutputHelper output)
{
    private const double SustainableRate = 2_500;

    [Fact]
    public async Task Should_turn_overload_into_503s_and_bounded_memory_then_recover()
    {
        var connectionString = await postgres.Server.CreateDatabaseAsync("overload");
        var slow = new SlowCounterStore(new PostgresCounterStore(connectionString, CatchAllPolicy.Default), TimeSpan.FromMilliseconds(20));
        await using var host = await IngestHost.StartAsync(
            ["--store", "Postgres", "--connection-string", connectionString, "--partitions", "1",
             "--Ingest:MaxBatchEvents=50", "--Ingest:QueueCapacity=500", "--Ingest:RequestTimeout=00:00:00.250", "--Ingest:RetryAfterSeconds=2"],
            services => services.AddSingleton<ICounterStore>(slow));
        using var client = PutLoad.CreateClient(host.Address, 1024);
        var overload = new PutLoad();
        var domains = LoadVerdict.Domains("over", 100);
        var memoryBefore = Process.GetCurrentProcess().WorkingSet64;

        const int seconds = 15;
        var events = LoadVerdict.Events("over", 100, (int)(3 * SustainableRate * seconds));
        await overload.RunAsync(client, events, concurrency: 1024, ratePerSecond: 3 * SustainableRate);
        var peakGrowthMb = (Process.GetCurrentProcess().PeakWorkingSet64 - memoryBefore) / 1024 / 1024;

        Assert.Equal(0, overload.OtherStatuses);
        Assert.Equal(0, overload.TransportErrors);
        Assert.True(overload.Unavailable > overload.Acknowledged / 10, $"only {overload.Unavailable} 503s: the load did not overload the host");
        Assert.All(overload.RetryAfterValues, value => Assert.Equal("2", value));
        var p99 = overload.AcknowledgedLatencyPercentile(99);
        Assert.True(p99 <= 750, $"accepted p99 {p99:F0} ms is beyond the 250 ms request timeout plus a write or two");
        Assert.True(peakGrowthMb < 400, $"the working set grew by {peakGrowthMb} MB under overload");

        // Afterwards, a load within the ceiling is served again (a rare 503 from a pause is allowed, a backlog is not).
        var after = new PutLoad();
        await after.RunAsync(client, LoadVerdict.Events("over", 100, 1_000), concurrency: 16, ratePerSecond: SustainableRate / 2);
        Assert.True(after.Acknowledged >= 990, $"only {after.Acknowledged} of 1,000 acknowledged after the overload");

        await LoadVerdict.AssertCountedEqualsAcknowledgedAsync(connectionString, Combined(overload, after), domains);
        output.WriteLine($"offered {3 * SustainableRate}/s for {seconds} s: acknowledged {overload.Acknowledged}, 503 {overload.Unavailable}, " +
                         $"accepted p50 {overload.AcknowledgedLatencyPercentile(50):F0} ms p99 {p99:F0} ms, peak working-set growth {peakGrowthMb} MB");
    }

    private static PutLoad Combined(PutLoad first, PutLoad second)
    {
        var combined = new PutLoad();
        combined.Add(first);
        combined.Add(second);
        return combined;
    }
}
