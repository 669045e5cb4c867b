using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Akka.Ingest.Domain;
using Akka.Ingest.Stores.Postgres;
using Akka.Ingest.Testing;
using Npgsql;
using Xunit.Abstractions;

namespace Akka.Ingest.IntegrationTests.Reliability;

/// <summary>
/// A primary with a synchronous standby (<see cref="PostgresStandbyPair"/>), the host (its own process) naming both in
/// one connection string with <c>Target Session Attributes=primary</c> and the shipped timeouts. Under a steady PUT load
/// the primary crashes (<c>pg_ctl stop -m immediate</c>), and once requests are being refused the standby is promoted;
/// the load goes on until events sent after the promotion are acknowledged. Then, on the promoted server: every
/// acknowledged event is counted, nothing beyond the acknowledged and the unanswered ones is, no request got a 500,
/// every 503 and 504 has a problem body, and the same host process reads, writes and relays status transitions on the
/// new primary. It prints what a fail-over costs (docs/SCALING.md quotes it). Audit finding 17, issue 23. Own pair of
/// servers.
/// </summary>
public sealed class DatabaseFailoverSpecs(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Clients = 32;
    private const int Domains = 40;
    private const double RatePerSecond = 1_000;
    private const int AcknowledgedBeforeTheCrash = 2_000;
    private const int AcknowledgedAfterThePromotion = 1_000;
    private const int RefusedBeforeThePromotion = 50;

    private PostgresStandbyPair? _pair;

    private PostgresStandbyPair Pair => _pair ?? throw new InvalidOperationException("The PostgreSQL pair did not start.");

    public async Task InitializeAsync() => _pair = await PostgresStandbyPair.StartAsync();

    public async Task DisposeAsync()
    {
        if (_pair is not null)
            await _pair.DisposeAsync();
    }

    [Fact]
    public async Task Should_count_every_acknowledged_event_when_the_primary_crashes_under_load_and_the_synchronous_standby_is_promoted()
    {
        var database = await Pair.CreateDatabaseAsync("failover");
        await using var host = await HostProcess.StartAsync(
            ["--store", "Postgres", "--connection-string", Pair.ConnectionStringFor(database)], TimeSpan.FromSeconds(60));
        using var client = PutLoad.CreateClient(host.Address, Clients);
        var load = new RecordedPutLoad();
        long crashed, promoted, loadEnded;
        using (var stop = new CancellationTokenSource())
        {
            // Paced: a partition whose batch waits past the stall threshold refuses at once, so an unpaced load would
            // spend itself in 503s while the database is away.
            var running = load.RunAsync(client, LoadVerdict.Events("failover", Domains, int.MaxValue), Clients, RatePerSecond, stop.Token);
            try
            {
                await Eventually.TrueAsync(() => load.Acknowledged >= AcknowledgedBeforeTheCrash, TimeSpan.FromSeconds(60),
                    $"{AcknowledgedBeforeTheCrash} events are acknowledged by the primary");
                var refusedBefore = load.Unavailable;
                crashed = Stopwatch.GetTimestamp();
                await Pair.StopPrimaryAsync();
                // As with a fail-over manager, the standby is promoted only once the primary has been missed for a while:
                // the lanes have by then found no primary among the two, and Npgsql remembers the standby as a standby.
                await Eventually.TrueAsync(() => load.Unavailable >= refusedBefore + RefusedBeforeThePromotion, TimeSpan.FromSeconds(60),
                    $"{RefusedBeforeThePromotion} requests are refused while there is no primary");
                await Pair.PromoteStandbyAsync();
                promoted = load.MarkNow();
                await Eventually.TrueAsync(() => load.AcknowledgedSinceMark >= AcknowledgedAfterThePromotion, TimeSpan.FromSeconds(60),
                    $"{AcknowledgedAfterThePromotion} events sent after the promotion are acknowledged (the host writes to the new primary)");
            }
            finally
            {
                await stop.CancelAsync();
                await running;
                loadEnded = Stopwatch.GetTimestamp();
            }
        }

        var answers = load.Answers.ToArray();
        var acknowledged = answers.Where(a => a.Status == HttpStatusCode.NoContent).ToArray();
        var unavailable = answers.Where(a => a.Status == HttpStatusCode.ServiceUnavailable).ToArray();
        var undecided = answers.Where(a => a.Status == HttpStatusCode.GatewayTimeout).ToArray();
        var unanswered = answers.Where(a => a.Status is null).ToArray();
        var others = answers.Where(a => a.Status is { } s && s is not (HttpStatusCode.NoContent or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout)).ToArray();
        var firstAcknowledgedAfterPromotion = acknowledged.Where(a => a.AnsweredAt >= promoted).Min(a => (long?)a.AnsweredAt);
        var stoppedToFirstAck = firstAcknowledgedAfterPromotion is { } first ? Stopwatch.GetElapsedTime(crashed, first) : (TimeSpan?)null;
        output.WriteLine($"sent {answers.Length}, acknowledged {acknowledged.Length} ({acknowledged.Count(a => a.SentAt >= promoted)} sent after the promotion), " +
            $"503 {unavailable.Length}, 504 {undecided.Length}, unanswered {unanswered.Length}, other statuses {others.Length}");
        output.WriteLine($"longest PUT {answers.Max(a => a.Duration).TotalSeconds:0.000} s (204: {acknowledged.Max(a => a.Duration).TotalSeconds:0.000} s, " +
            $"503: {(unavailable.Length == 0 ? 0 : unavailable.Max(a => a.Duration).TotalSeconds):0.000} s); " +
            $"crash to promoted {Stopwatch.GetElapsedTime(crashed, promoted).TotalSeconds:0.000} s; " +
            $"crash to the first acknowledgement after the promotion {stoppedToFirstAck?.TotalSeconds:0.000} s " +
            $"(promotion to it {(firstAcknowledgedAfterPromotion is { } f ? Stopwatch.GetElapsedTime(promoted, f).TotalSeconds : double.NaN):0.000} s)");

        Assert.True(others.Length == 0, $"statuses other than 204, 503 and 504: " +
            string.Join("; ", others.Take(5).Select(a => $"{(int)a.Status!} {a.Body}")));
        var withoutProblem = unavailable.Concat(undecided).Where(a => !a.HasProblemBody).ToArray();
        Assert.True(withoutProblem.Length == 0, $"{withoutProblem.Length} 503/504 without a problem body naming their status, e.g. " +
            string.Join("; ", withoutProblem.Take(3).Select(a => $"{(int)a.Status!} '{a.Body}'")));

        // The promoted server holds the counts: every acknowledged event, and nothing beyond what may have committed
        // unacknowledged (no answer, or 504 undecided). A 503 is never counted.
        await using var store = new PostgresCounterStore(Pair.Standby.ConnectionStringFor(database), CatchAllPolicy.Default);
        long counted = 0;
        foreach (var domain in LoadVerdict.Domains("failover", Domains))
        {
            var counts = await store.ReadAsync(domain, default);
            foreach (var (kind, inStore) in new[] { (EventKind.Delivered, counts.Delivered), (EventKind.Bounced, counts.Bounced) })
            {
                var acked = acknowledged.LongCount(a => a.Event.Domain == domain && a.Event.Kind == kind);
                var mayBeCounted = unanswered.Concat(undecided).LongCount(a => a.Event.Domain == domain && a.Event.Kind == kind);
                Assert.True(inStore >= acked && inStore <= acked + mayBeCounted,
                    $"{domain} {kind}: counted {inStore}, acknowledged {acked}, unanswered or undecided {mayBeCounted}");
            }
            counted += counts.Delivered + counts.Bounced;

            // The same host process reads from the new primary too: 200 with these counts, or meanwhile a 503 problem.
            await Eventually.TrueAsync(async () =>
            {
                using var response = await client.GetAsync($"/domains/{domain}");
                var body = await response.Content.ReadAsStringAsync();
                if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
                {
                    Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                    return false;
                }
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET /domains/{domain}: {(int)response.StatusCode} {body}");
                using var view = JsonDocument.Parse(body);
                Assert.Equal((counts.Delivered, counts.Bounced),
                    (view.RootElement.GetProperty("delivered").GetInt64(), view.RootElement.GetProperty("bounced").GetInt64()));
                return true;
            }, TimeSpan.FromSeconds(30), $"GET /domains/{domain} answers from the promoted server");
        }
        output.WriteLine($"counted on the promoted server {counted} (acknowledged {acknowledged.Length}, unanswered or undecided {unanswered.Length + undecided.Length})");

        // The status feed comes back on the new primary too: every domain that bounced has its one transition in the
        // feed, and the outbox is empty. Transitions journaled before the crash are on the standby (the journal's
        // commits are synchronous as well); those still in the outbox are relayed by the relay's next incarnation.
        var withStatus = await ScalarAsync(Pair.Standby.ConnectionStringFor(database), "SELECT count(*) FROM domain_status");
        var feed = Array.Empty<string>();
        await Eventually.TrueAsync(async () =>
        {
            if (await ScalarAsync(Pair.Standby.ConnectionStringFor(database), "SELECT count(*) FROM status_outbox") > 0)
                return false;
            using var response = await client.GetAsync("/domains/changes?after=0&limit=1000");
            if (response.StatusCode != HttpStatusCode.OK)
                return false;
            using var page = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            feed = page.RootElement.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("domain").GetString()!).ToArray();
            return feed.Length >= withStatus;
        }, TimeSpan.FromSeconds(60), $"the {withStatus} transitions of the promoted server are in the feed and its outbox is empty");
        output.WriteLine($"status feed: {feed.Length} transitions for {withStatus} domains with a status, complete {Stopwatch.GetElapsedTime(loadEnded).TotalSeconds:0.000} s after the load ended");
        Assert.Equal(feed.Length, feed.Distinct().Count());
        Assert.Equal(withStatus, feed.Length);
        Assert.False(host.HasExited, "the host kept running through the fail-over");
    }

    private static async Task<long> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
