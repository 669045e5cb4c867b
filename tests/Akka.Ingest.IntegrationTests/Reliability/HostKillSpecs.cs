using Akka.Ingest.Domain;
using Akka.Ingest.Stores.Postgres;
using Akka.Ingest.Testing;
using Xunit.Abstractions;

namespace Akka.Ingest.IntegrationTests.Reliability;

/// <summary>
/// The host killed with SIGKILL mid-load and started again: every acknowledged event is counted; events
/// that were in flight (never acknowledged) may be counted too, and the spec reports how many.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class HostKillSpecs(PostgresFixture postgres, ITestOutputHelper output)
{
    [Fact]
    public async Task Should_keep_every_acknowledged_event_when_the_host_is_killed()
    {
        var connectionString = await postgres.Server.CreateDatabaseAsync("sigkill");
        string[] args = ["--store", "Postgres", "--connection-string", connectionString, "--Ingest:RequestTimeout=00:00:30"];
        var domains = LoadVerdict.Domains("kill", 20);
        var load = new PutLoad();
        using var stop = new CancellationTokenSource();

        await using (var host = await HostProcess.StartAsync(args, TimeSpan.FromSeconds(60)))
        {
            using var client = PutLoad.CreateClient(host.Address, 64);
            var running = load.RunAsync(client, LoadVerdict.Events("kill", 20, int.MaxValue), concurrency: 64, stop.Token);
            await Eventually.TrueAsync(() => load.Acknowledged >= 3_000, TimeSpan.FromSeconds(60), "3,000 events are acknowledged");
            host.Kill();
            await host.WaitForExitAsync(TimeSpan.FromSeconds(30));
            await stop.CancelAsync();
            await running;
        }

        await using var restarted = await HostProcess.StartAsync(args, TimeSpan.FromSeconds(60));
        await using var store = new PostgresCounterStore(connectionString, CatchAllPolicy.Default);
        long extra = 0;
        foreach (var domain in domains)
        {
            var counts = await store.ReadAsync(domain, default);
            var (delivered, bounced) = load.AcknowledgedFor(domain);
            Assert.True(counts.Delivered >= delivered && counts.Bounced >= bounced,
                $"{domain}: counted {counts.Delivered}/{counts.Bounced} < acknowledged {delivered}/{bounced}");
            extra += counts.Delivered - delivered + counts.Bounced - bounced;
        }
        Assert.InRange(extra, 0, 64);
        output.WriteLine($"acknowledged {load.Acknowledged}, transport errors {load.TransportErrors}, counted but never acknowledged {extra}");
    }
}
