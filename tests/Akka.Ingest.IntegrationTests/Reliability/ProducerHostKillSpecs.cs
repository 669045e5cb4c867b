using System.Text.Json;
using Akka.Ingest.Domain;
using Akka.Ingest.Generator.Cli;
using Akka.Ingest.Stores.Postgres;
using Akka.Ingest.Testing;
using Akka.Ingest.Workload.Distributions;
using Akka.Ingest.Workload.Verification;
using Npgsql;
using Xunit.Abstractions;

namespace Akka.Ingest.IntegrationTests.Reliability;

/// <summary>
/// Exactly once end to end: the generator with <c>--producer</c> at 50 connections against one host on PostgreSQL,
/// the host SIGKILLed mid-run and started again on the same address. The generator resends every attempt that got no
/// answer with its sequence until the host answers, so every domain is counted exactly as sent, not within
/// "acknowledged ≤ counted ≤ acknowledged + unanswered" as <see cref="HostKillSpecs"/> allows without sessions.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class ProducerHostKillSpecs(PostgresFixture postgres, ITestOutputHelper output)
{
    private const string Distribution = "uniform:1000";
    private const long Seed = 2222;
    private const long Events = 30_000;

    [Fact]
    public async Task Should_count_every_domain_exactly_as_sent_when_the_host_is_killed_and_started_again()
    {
        var connectionString = await postgres.Server.CreateDatabaseAsync("producer-kill");
        var url = $"http://127.0.0.1:{FreePort.Next()}";
        string[] args = ["--store", "Postgres", "--connection-string", connectionString, "--urls", url];
        var generatorOutput = new StringWriter();
        var generatorError = new StringWriter();

        var host = await HostProcess.StartAsync(args, TimeSpan.FromSeconds(60));
        HostProcess? restarted = null;
        try
        {
            var generator = Task.Run(() => GeneratorCli.RunAsync(
            [
                "--url", url, "--events", Events.ToString(System.Globalization.CultureInfo.InvariantCulture), "--concurrency", "50",
                "--distribution", Distribution, "--seed", Seed.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "--producer", "kill", "--max-retries", "1000", "--timeout", "10", "--verify", "--json", "--no-progress",
            ], generatorOutput, generatorError));
            await Eventually.TrueAsync(async () => await CountedAsync(connectionString) >= Events / 4, TimeSpan.FromSeconds(120), "a quarter of the events are counted");
            host.Kill();
            await host.WaitForExitAsync(TimeSpan.FromSeconds(30));
            var countedAtKill = await CountedAsync(connectionString);
            Assert.False(generator.IsCompleted, $"the generator was still sending when the host died:\n{generatorOutput}{generatorError}");
            restarted = await HostProcess.StartAsync(args, TimeSpan.FromSeconds(60));

            var exitCode = await generator.WaitAsync(TimeSpan.FromMinutes(5));

            var report = JsonDocument.Parse(generatorOutput.ToString()).RootElement;
            output.WriteLine($"counted at the kill {countedAtKill}; transport errors {report.GetProperty("transportErrors").GetInt64()}, "
                             + $"resends {report.GetProperty("resends").GetInt64()}, duplicates answered {report.GetProperty("duplicates").GetInt64()}");
            Assert.True(exitCode == 0, $"exit {exitCode}\n{generatorOutput}\n{generatorError}");
            Assert.Equal(Events, report.GetProperty("acknowledged").GetInt64());
            Assert.True(report.GetProperty("resends").GetInt64() > 0, "the kill cut requests that the generator sent again");
            Assert.True(report.GetProperty("verification").GetProperty("passed").GetBoolean());
        }
        finally
        {
            await host.DisposeAsync();
            if (restarted is not null)
                await restarted.DisposeAsync();
        }

        // The store itself, read without the host: every domain exactly as the seeded stream says, nothing more.
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
