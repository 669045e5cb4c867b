using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Akka.Ingest.Pipeline.Http;
using Akka.Ingest.Pipeline.StatusFeed;
using Akka.Ingest.Testing;
using Npgsql;
using Xunit.Abstractions;

namespace Akka.Ingest.IntegrationTests.Reliability;

/// <summary>
/// Two independent host processes (no cluster) on one PostgreSQL database, both with <c>RunRelay=true</c> (the
/// default), driven with transitions through both at once (audit finding 12). Only the host holding the relay lease
/// runs a relay, so no second relay's refused journal insert burns <c>ordering</c> values, at each of whose gaps every
/// feed reader waits about 10 s. When the holder's lease connection is ended it stops its relay; when the holder dies
/// the other host takes over; through both hand-overs the feed holds every transition exactly once.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed partial class RelayLeaseSpecs(PostgresFixture postgres, ITestOutputHelper output)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    /// <summary>A feed read over the whole journal; one gap alone makes it wait about 10 s.</summary>
    private static readonly TimeSpan QuickFeedRead = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task Should_run_one_relay_per_database_and_hand_it_over_when_its_holder_goes()
    {
        var connectionString = await postgres.Server.CreateDatabaseAsync("relay-lease");
        string[] args = ["--store", "Postgres", "--connection-string", connectionString,
            "--Ingest:StatusFeed:PollInterval=00:00:00.020", "--Ingest:StatusFeed:QueryRefreshInterval=00:00:00.100",
            "--Ingest:StatusFeed:RelayLeaseRetryInterval=00:00:00.500"];
        await using var first = await HostProcess.StartAsync(args, TimeSpan.FromSeconds(60));
        await using var second = await HostProcess.StartAsync(args, TimeSpan.FromSeconds(60));
        using var firstClient = PutLoad.CreateClient(first.Address, 16);
        using var secondClient = PutLoad.CreateClient(second.Address, 16);
        var hosts = new[] { (Host: first, Client: firstClient), (Host: second, Client: secondClient) };

        foreach (var host in hosts)
            await Eventually.TrueAsync(async () => RelayUp().IsMatch(await host.Client.GetStringAsync("/metrics")), Patience,
                "the host's relay answers, or the host says it does not run one");

        // Each bounce of a new domain is one transition (unknown -> not catch-all), half through each host, paced so
        // that transitions keep coming for a few seconds with every relay up.
        var both = Domains("both", 300);
        await BounceAsync(both, firstClient, secondClient);
        await AssertFeedHoldsEachOnceAsync(connectionString, firstClient, both);
        var holder = await OnlyRelayAsync(hosts);
        output.WriteLine($"{both.Length} transitions through both hosts; host {Array.FindIndex(hosts, h => h.Host == holder.Host)} runs the relay");

        // The holder's lease connection is ended (a fail-over, an administrator): it must notice and stop its relay.
        Assert.Equal(1, await TerminateLeaseConnectionAsync(connectionString));
        var terminated = Stopwatch.StartNew();
        await Eventually.TrueAsync(() => StoppedLines(holder.Host.Output) >= 1, Patience, "the holder logs that it stops its relay");
        output.WriteLine($"the holder logged that it stopped its relay {terminated.ElapsedMilliseconds} ms after its lease connection was terminated");
        holder = await OnlyRelayAsync(hosts);
        output.WriteLine($"host {Array.FindIndex(hosts, h => h.Host == holder.Host)} runs the relay {terminated.ElapsedMilliseconds} ms after the termination");
        var afterTermination = Domains("terminated", 100);
        await BounceAsync(afterTermination, firstClient, secondClient);
        await AssertFeedHoldsEachOnceAsync(connectionString, firstClient, [.. both, .. afterTermination]);

        // The holder dies: its session ends, the lock with it, and the other host takes over.
        var survivor = hosts.Single(h => h.Host != holder.Host);
        holder.Host.Kill();
        await holder.Host.WaitForExitAsync(Patience);
        var killed = Stopwatch.StartNew();
        await Eventually.TrueAsync(async () => await RunsRelayAsync(survivor.Client) == true, Patience, "the surviving host runs the relay");
        output.WriteLine($"the surviving host runs the relay {killed.ElapsedMilliseconds} ms after the holder's exit");
        var afterKill = Domains("killed", 100);
        await BounceAsync(afterKill, survivor.Client);
        await AssertFeedHoldsEachOnceAsync(connectionString, survivor.Client, [.. both, .. afterTermination, .. afterKill]);
    }

    private static string[] Domains(string round, int count) =>
        Enumerable.Range(0, count).Select(i => $"{round}{i}.lease.example").ToArray();

    /// <summary>One bounce per domain, 50 a second, taking turns between <paramref name="clients"/>.</summary>
    private static async Task BounceAsync(IReadOnlyList<string> domains, params HttpClient[] clients)
    {
        using var pace = new PeriodicTimer(TimeSpan.FromMilliseconds(20));
        var answers = new List<Task<HttpResponseMessage>>();
        for (var i = 0; i < domains.Count; i++)
        {
            answers.Add(clients[i % clients.Length].PutAsync($"/events/{domains[i]}/bounced", null));
            await pace.WaitForNextTickAsync();
        }
        Assert.All(await Task.WhenAll(answers), answer => Assert.Equal(HttpStatusCode.NoContent, answer.StatusCode));
    }

    /// <summary>
    /// Once the journal holds a transition for each domain, it has no <c>ordering</c> gap, the feed reads in full
    /// quickly, and it holds each domain's transition exactly once.
    /// </summary>
    private async Task AssertFeedHoldsEachOnceAsync(string connectionString, HttpClient client, IReadOnlyList<string> domains)
    {
        await Eventually.TrueAsync(async () => (await JournalAsync(connectionString)).Rows >= domains.Count, Patience,
            $"the journal holds {domains.Count} transitions");
        var journal = await JournalAsync(connectionString);
        output.WriteLine($"journal: {journal.Rows} rows, ordering {journal.First}..{journal.Last}");
        Assert.True(journal.Last - journal.First + 1 == journal.Rows,
            $"The journal's ordering has {journal.Last - journal.First + 1 - journal.Rows} gaps ({journal.Rows} rows, ordering {journal.First}..{journal.Last}): a second relay's insert was refused.");

        var reading = Stopwatch.StartNew();
        var feed = await WholeFeedAsync(client);
        output.WriteLine($"the whole feed ({feed.Count} transitions) read in {reading.ElapsedMilliseconds} ms");
        Assert.True(reading.Elapsed < QuickFeedRead, $"Reading the feed took {reading.Elapsed}.");
        Assert.Equal(domains.Order(), feed.Select(c => c.Domain).Order());
        Assert.All(feed, c => Assert.Equal(("unknown", "not catch-all"), (c.From, c.To)));
    }

    private static async Task<(long Rows, long First, long Last)> JournalAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*), coalesce(min(ordering), 0), coalesce(max(ordering), -1) FROM journal", connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
    }

    private static async Task<IReadOnlyList<StatusChangeView>> WholeFeedAsync(HttpClient client)
    {
        var all = new List<StatusChangeView>();
        long after = 0;
        while (true)
        {
            var page = (await client.GetFromJsonAsync<StatusFeedEndpoints.StatusChangePage>($"/domains/changes?after={after}&limit=500"))!;
            if (page.Items.Count == 0)
                return all;
            all.AddRange(page.Items);
            after = page.Next;
        }
    }

    /// <summary>Waits until exactly one host says it runs the relay and the other that it does not; returns the one.</summary>
    private static async Task<(HostProcess Host, HttpClient Client)> OnlyRelayAsync((HostProcess Host, HttpClient Client)[] hosts)
    {
        bool?[] running = [];
        await Eventually.TrueAsync(async () =>
        {
            running = await Task.WhenAll(hosts.Select(h => RunsRelayAsync(h.Client)));
            return running.Count(r => r == true) == 1 && running.Count(r => r == false) == hosts.Length - 1;
        }, Patience, "exactly one host runs the relay");
        return hosts[Array.IndexOf(running, true)];
    }

    /// <summary>The host's <c>ingest_status_relay_running</c> gauge; null when it serves none.</summary>
    private static async Task<bool?> RunsRelayAsync(HttpClient client)
    {
        var match = RelayRunning().Match(await client.GetStringAsync("/metrics"));
        return match.Success ? match.Groups[1].Value == "1" : null;
    }

    /// <summary>Ends the session holding the database's advisory lock; returns how many sessions were ended.</summary>
    private static async Task<int> TerminateLeaseConnectionAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            SELECT count(pg_terminate_backend(pid))::int FROM pg_locks
            WHERE locktype = 'advisory' AND granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
            """, connection);
        return (int)(await command.ExecuteScalarAsync())!;
    }

    private static int StoppedLines(string log) => RelayStopped().Matches(log).Count;

    [GeneratedRegex(@"\ningest_status_relay_running (\S+)")]
    private static partial Regex RelayRunning();

    [GeneratedRegex(@"\n(ingest_status_relay_lag_transitions \S+|ingest_status_relay_running 0)\n")]
    private static partial Regex RelayUp();

    [GeneratedRegex("lost the relay lease")]
    private static partial Regex RelayStopped();
}
