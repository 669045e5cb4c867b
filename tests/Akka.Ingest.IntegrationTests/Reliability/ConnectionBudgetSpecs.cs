using System.Net;
using System.Text.Json;
using Akka.Ingest.Domain;
using Akka.Ingest.Testing;
using Npgsql;
using Xunit.Abstractions;

namespace Akka.Ingest.IntegrationTests.Reliability;

/// <summary>
/// Three hosts with 16 partitions each on a PostgreSQL that takes 27 client connections (one writer connection per
/// partition would need 48): the commit lanes and bounded pools keep every node inside its budget of 9, so the load
/// commits exactly; and once another client takes every connection left, reads answer 503 + Retry-After with a
/// problem body, never 500.
/// </summary>
public sealed class ConnectionBudgetSpecs(ITestOutputHelper output)
{
    [Fact]
    public async Task Should_fit_three_nodes_of_16_partitions_in_a_small_max_connections_and_answer_503_when_none_is_left()
    {
        await using var server = await PostgresServer.StartAsync(new Dictionary<string, string>
        {
            ["max_connections"] = "30",
            ["superuser_reserved_connections"] = "3",
        });
        var connectionString = await server.CreateDatabaseAsync("budget");
        string[] args = ["--store", "Postgres", "--connection-string", connectionString, "--partitions", "16",
            "--Ingest:Store:ReadPoolSize=2", "--Ingest:Store:JournalPoolSize=1", "--Ingest:CommitLanes=2"];
        var hosts = new List<HostProcess>();
        try
        {
            for (var i = 0; i < 3; i++)
                hosts.Add(await HostProcess.StartAsync(args, TimeSpan.FromSeconds(60)));
            foreach (var host in hosts)
                await Eventually.TrueAsync(() => host.Output.Contains("at most 9 PostgreSQL connections"), TimeSpan.FromSeconds(30), "the start-up line states the budget");

            var domains = Enumerable.Range(0, 64).Select(i => $"b{i}.budget.example").ToArray();
            var events = Enumerable.Range(0, 3_000).Select(i => new DomainEvent(domains[i % domains.Length], EventKind.Delivered)).ToArray();
            var clients = hosts.Select(h => PutLoad.CreateClient(h.Address, 16)).ToArray();
            var loads = hosts.Select(_ => new PutLoad()).ToArray();
            await Task.WhenAll(Enumerable.Range(0, 3).Select(n =>
                loads[n].RunAsync(clients[n], events.Where((_, i) => i % 3 == n), concurrency: 16)));
            var load = new PutLoad();
            foreach (var part in loads)
                load.Add(part);
            Assert.Equal(events.Length, load.Acknowledged);
            await LoadVerdict.AssertCountedEqualsAcknowledgedAsync(connectionString, load, domains);

            // Another client takes every connection left, and the hosts' own connections are ended (as a fail-over or
            // an administrator would): a read then finds no pooled connection and can open none.
            var hogs = new List<NpgsqlConnection>();
            try
            {
                await TakeEveryConnectionLeftAsync(connectionString, hogs);
                await using (var admin = new NpgsqlConnection(server.AdminConnectionString))
                {
                    await admin.OpenAsync();
                    await using var terminate = new NpgsqlCommand(
                        "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE backend_type = 'client backend' AND pid <> pg_backend_pid() AND NOT (pid = ANY($1))", admin);
                    terminate.Parameters.AddWithValue(hogs.Select(h => h.ProcessID).ToArray());
                    output.WriteLine($"{await terminate.ExecuteScalarAsync()} host connections ended");
                }
                await TakeEveryConnectionLeftAsync(connectionString, hogs);
                output.WriteLine($"{hogs.Count} connections taken by another client");
                var answers = await Task.WhenAll(Enumerable.Range(0, 24).Select(i => clients[0].GetAsync($"/domains/{domains[i % domains.Length]}")));
                var statuses = answers.GroupBy(a => a.StatusCode).ToDictionary(g => g.Key, g => g.Count());
                output.WriteLine(string.Join(", ", statuses.Select(s => $"{(int)s.Key}: {s.Value}")));
                Assert.All(answers, a => Assert.Contains(a.StatusCode, new[] { HttpStatusCode.OK, HttpStatusCode.ServiceUnavailable }));
                var refused = answers.Where(a => a.StatusCode == HttpStatusCode.ServiceUnavailable).ToArray();
                Assert.NotEmpty(refused);
                foreach (var answer in refused)
                {
                    Assert.NotNull(answer.Headers.RetryAfter);
                    Assert.Equal("application/problem+json", answer.Content.Headers.ContentType?.MediaType);
                    using var problem = JsonDocument.Parse(await answer.Content.ReadAsStringAsync());
                    Assert.Equal(503, problem.RootElement.GetProperty("status").GetInt32());
                }
            }
            finally
            {
                foreach (var hog in hogs)
                    await hog.DisposeAsync();
            }
        }
        finally
        {
            foreach (var host in hosts)
                await host.DisposeAsync();
        }
    }

    private static async Task TakeEveryConnectionLeftAsync(string connectionString, List<NpgsqlConnection> hogs)
    {
        while (true)
        {
            var hog = new NpgsqlConnection(connectionString + ";Pooling=false");
            try
            {
                await hog.OpenAsync();
                hogs.Add(hog);
            }
            catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.TooManyConnections)
            {
                await hog.DisposeAsync();
                return;
            }
        }
    }
}
