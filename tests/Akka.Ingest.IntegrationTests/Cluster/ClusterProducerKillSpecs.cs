using System.Text.Json;
using Akka.Ingest.Domain;
using Akka.Ingest.Generator.Cli;
using Akka.Ingest.Stores.Postgres;
using Akka.Ingest.Workload.Distributions;
using Akka.Ingest.Workload.Verification;
using Npgsql;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Akka.Ingest.IntegrationTests.Cluster;

/// <summary>
/// Exactly once end to end in the cluster: three host processes behind HAProxy with <c>retries 0</c>, the generator
/// with <c>--producer</c> at 50 connections through it, one node (not the oldest) SIGKILLed mid-run. The balancer hands
/// the client every fault (cut connections, 502, 503); the generator resends each with its sequence, the balancer
/// sends it to a live node, and every domain is counted exactly as sent — in both ways a cluster writes.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class ClusterProducerKillSpecs(PostgresFixture postgres, ITestOutputHelper output)
{
    private const string Distribution = "uniform:1000";
    private const long Seed = 3333;
    private const long Events = 24_000;

    [Theory]
    [InlineData(ClusterWrites.Direct)]
    [InlineData(ClusterWrites.ThroughOwners)]
    public async Task Should_count_every_domain_exactly_as_sent_through_a_balancer_when_a_node_is_killed(ClusterWrites writes)
    {
        var connectionString = await postgres.Server.CreateDatabaseAsync("clusterproducer");
        var httpPorts = ClusterNodes.FreePorts(3);
        await using var cluster = await ClusterProcesses.StartAsync(connectionString, 3,
            index => NodePlacement.Loopback with { Urls = $"http://127.0.0.1:{httpPorts[index]}" },
            "--Ingest:RequestTimeout=00:00:30", writes.Argument());
        try
        {
            await RunAsync(cluster, httpPorts, writes, connectionString);
        }
        catch (Exception e)
        {
            output.WriteLine(cluster.Logs(linesEach: null));
            throw new XunitException($"{writes}: {e.GetType().Name}: {e.Message}\n{e.StackTrace}\n----- host logs (tails) -----\n{cluster.Logs(40)}");
        }
    }

    private async Task RunAsync(ClusterProcesses cluster, int[] httpPorts, ClusterWrites writes, string connectionString)
    {
        for (var i = 0; i < 3; i++)
            await cluster.WaitForMembersAsync(i, 3);
        for (var i = 0; i < 3; i++)
            await cluster.WaitReadyAsync(i);
        var victim = (await cluster.OldestAsync(0) + 1) % 3;
        if (writes == ClusterWrites.ThroughOwners)
            output.WriteLine($"node{victim + 1} owns {await cluster.WaitUntilOwnsPartitionAsync((victim + 1) % 3, victim)} partitions before the kill");
        await using var balancer = await HaproxyBalancer.StartAsync(httpPorts);

        var generatorOutput = new StringWriter();
        var generatorError = new StringWriter();
        var generator = Task.Run(() => GeneratorCli.RunAsync(
        [
            "--url", balancer.Address.ToString(), "--events", Events.ToString(System.Globalization.CultureInfo.InvariantCulture), "--concurrency", "50",
            "--distribution", Distribution, "--seed", Seed.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--producer", $"ck-{writes}", "--max-retries", "1000", "--timeout", "40", "--verify", "--json", "--no-progress",
        ], generatorOutput, generatorError));
        await ClusterNodes.EventuallyAsync(async () => await CountedAsync(connectionString) >= Events / 4, TimeSpan.FromSeconds(120), "a quarter of the events counted");
        cluster[victim].Kill();
        await cluster[victim].WaitForExitAsync(TimeSpan.FromSeconds(30));
        var countedAtKill = await CountedAsync(connectionString);
        Assert.False(generator.IsCompleted, $"the generator was still sending when node{victim + 1} died:\n{generatorOutput}{generatorError}");

        var exitCode = await generator.WaitAsync(TimeSpan.FromMinutes(6));

        var report = JsonDocument.Parse(generatorOutput.ToString()).RootElement;
        var responses = string.Join(", ", report.GetProperty("responses").EnumerateObject().Select(p => $"{p.Name}: {p.Value}"));
        var summary = $"{writes}: node{victim + 1} killed with {countedAtKill} counted; responses {responses}; transport errors {report.GetProperty("transportErrors").GetInt64()}, "
                      + $"resends {report.GetProperty("resends").GetInt64()}, duplicates answered {report.GetProperty("duplicates").GetInt64()}";
        output.WriteLine(summary);
        Assert.True(exitCode == 0, $"exit {exitCode}: {summary}\n{generatorOutput}\n{generatorError}");
        Assert.Equal(Events, report.GetProperty("acknowledged").GetInt64());
        Assert.True(report.GetProperty("resends").GetInt64() > 0, $"the kill reached the client through the balancer; {summary}");
        Assert.True(report.GetProperty("verification").GetProperty("passed").GetBoolean(), summary);

        var expected = ExpectedResultsCalculator.Compute(DistributionSpec.Parse(Distribution), Seed, Events);
        await using var store = new PostgresCounterStore(connectionString, CatchAllPolicy.Default);
        foreach (var domain in expected.Domains())
            Assert.Equal(domain, await store.ReadAsync(domain.Domain, default));
        Assert.Equal(Events, await CountedAsync(connectionString));
    }

    private static async Task<long> CountedAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT coalesce(sum(delivered + bounced), 0)::bigint FROM domain_counts", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
