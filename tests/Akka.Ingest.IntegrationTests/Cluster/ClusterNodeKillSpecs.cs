using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Akka.Ingest.Domain;
using Akka.Ingest.Pipeline.Http;
using Akka.Ingest.Stores.Postgres;
using Akka.Ingest.Testing;
using Xunit.Abstractions;

namespace Akka.Ingest.IntegrationTests.Cluster;

/// <summary>
/// The acceptance test of cluster mode: three host processes on loopback over one PostgreSQL, paced load spread
/// over all three, one node faulted mid-run while the other two keep taking load — the oldest (shard coordinator
/// and status relay) or the youngest SIGKILLed, or the youngest frozen (SIGSTOP) past the failure detector until
/// the others down it — then started again, then every node SIGTERMed. Per domain: acknowledged ≤ counted ≤
/// acknowledged + unanswered; every status transition once in the feed; the cluster converges back to three members.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class ClusterNodeKillSpecs(PostgresFixture postgres, ITestOutputHelper output)
{
    private const int Domains = 160;
    private const double RatePerNode = 400;
    private static readonly TimeSpan Startup = TimeSpan.FromSeconds(90);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public enum Fault
    {
        KillOldest,
        KillYoungest,
        FreezeYoungest,
    }

    [Theory]
    [InlineData(Fault.KillOldest)]
    [InlineData(Fault.KillYoungest)]
    [InlineData(Fault.FreezeYoungest)]
    public async Task Should_count_exactly_through_a_faulted_node_and_its_restart(Fault fault)
    {
        var victim = fault == Fault.KillOldest ? 0 : 2;
        var survivor = victim == 0 ? 1 : 0;
        var connectionString = await postgres.Server.CreateDatabaseAsync("clusterkill");
        var ports = Enumerable.Range(0, 3).Select(_ => FreePort()).ToArray();
        string[] Args(int i) =>
        [
            "--store", "Postgres", "--connection-string", connectionString, "--Ingest:RequestTimeout=00:00:30",
            "--Ingest:Partitions=16", "--Ingest:CatchAllThreshold=20", $"--Ingest:NodeName=node{i + 1}",
            "--Ingest:Cluster:Enabled=true", "--Ingest:Cluster:Hostname=127.0.0.1", $"--Ingest:Cluster:Port={ports[i]}",
            .. ports.Select((p, s) => $"--Ingest:Cluster:SeedNodes:{s}=akka.tcp://akka-ingest@127.0.0.1:{p}"),
            "--Ingest:Cluster:StableAfter=00:00:04", "--Ingest:Cluster:MinimumMembers=3", "--Ingest:Cluster:RouteToOwner=true",
        ];

        var hosts = new HostProcess?[3];
        var loads = new List<PutLoad>();
        try
        {
            for (var i = 0; i < 3; i++)
                hosts[i] = await HostProcess.StartAsync(Args(i), Startup);
            await WaitForMembersAsync(hosts[survivor]!, 3);
            foreach (var host in hosts)
                await WaitReadyAsync(host!);

            // Load over all three; the victim is faulted at 3,000 acknowledgements.
            using var stopAll = new CancellationTokenSource();
            using var stopVictim = CancellationTokenSource.CreateLinkedTokenSource(stopAll.Token);
            var running = new List<Task>();
            var clients = new List<HttpClient>();
            for (var i = 0; i < 3; i++)
            {
                var load = new PutLoad();
                loads.Add(load);
                var client = PutLoad.CreateClient(hosts[i]!.Address, 16);
                clients.Add(client);
                running.Add(load.RunAsync(client, Events(), concurrency: 16, i == victim ? stopVictim.Token : stopAll.Token, RatePerNode));
            }
            await Eventually.TrueAsync(() => loads.Sum(l => l.Acknowledged) >= 3_000, TimeSpan.FromSeconds(60), "3,000 events acknowledged");
            var ackedAtFault = loads.Sum(l => l.Acknowledged);
            if (fault == Fault.FreezeYoungest)
            {
                hosts[victim]!.Freeze();
            }
            else
            {
                hosts[victim]!.Kill();
                await hosts[victim]!.WaitForExitAsync(TimeSpan.FromSeconds(30));
            }
            await stopVictim.CancelAsync();

            // The survivors keep taking load and agree the victim is gone.
            long Survivors() => loads.Where((_, i) => i != victim).Sum(l => l.Acknowledged);
            var survivorsBefore = Survivors();
            await WaitForMembersAsync(hosts[survivor]!, 2, TimeSpan.FromSeconds(45));
            await Eventually.TrueAsync(() => Survivors() >= survivorsBefore + 2_000, TimeSpan.FromSeconds(60), "the two survivors keep acknowledging");
            var fallbacks = await FallbacksAsync(hosts.Where((_, i) => i != victim).Select(h => h!));
            if (fault == Fault.FreezeYoungest)
            {
                // Woken after it was downed, the frozen node learns it was removed and stops by itself.
                hosts[victim]!.Thaw();
                await hosts[victim]!.WaitForExitAsync(TimeSpan.FromSeconds(60));
            }

            // The victim comes back on the same port: a new incarnation joins the same cluster.
            await hosts[victim]!.DisposeAsync();
            hosts[victim] = await HostProcess.StartAsync(Args(victim), Startup);
            await WaitForMembersAsync(hosts[survivor]!, 3);
            await WaitForMembersAsync(hosts[victim]!, 3);
            var restartedLoad = new PutLoad();
            loads.Add(restartedLoad);
            var restartedClient = PutLoad.CreateClient(hosts[victim]!.Address, 16);
            clients.Add(restartedClient);
            running.Add(restartedLoad.RunAsync(restartedClient, Events(), concurrency: 16, stopAll.Token, RatePerNode));
            await Eventually.TrueAsync(() => restartedLoad.Acknowledged >= 1_000, TimeSpan.FromSeconds(60), "the restarted node acknowledges");
            await stopAll.CancelAsync();
            await Task.WhenAll(running);

            var feed = await ReadFeedAsync(hosts[survivor]!, connectionString);

            foreach (var host in hosts)
                host!.Signal(System.Runtime.InteropServices.PosixSignal.SIGTERM);
            foreach (var host in hosts)
                await host!.WaitForExitAsync(TimeSpan.FromSeconds(60));
            Assert.All(hosts, h => Assert.Equal(0, h!.ExitCode));

            // The verdict, per domain.
            var total = new PutLoad();
            foreach (var load in loads)
                total.Add(load);
            await using var store = new PostgresCounterStore(connectionString, CatchAllPolicy.Default);
            long counted = 0, extra = 0;
            foreach (var domain in AllDomains())
            {
                var counts = await store.ReadAsync(domain, default);
                var (delivered, bounced) = total.AcknowledgedFor(domain);
                var unanswered = total.UnansweredFor(domain);
                Assert.True(counts.Delivered >= delivered && counts.Bounced >= bounced,
                    $"{domain}: counted {counts.Delivered}/{counts.Bounced} < acknowledged {delivered}/{bounced}");
                var over = counts.Delivered + counts.Bounced - delivered - bounced;
                Assert.True(over <= unanswered, $"{domain}: {over} counted beyond the acknowledged, only {unanswered} unanswered");
                counted += counts.Delivered + counts.Bounced;
                extra += over;
            }
            var byDomain = feed.GroupBy(c => c.Domain).ToArray();
            Assert.All(byDomain, g => Assert.Equal(g.Count(), g.Select(c => (c.From, c.To)).Distinct().Count()));
            Assert.All(byDomain, g => Assert.InRange(g.Count(), 1, 2));
            Assert.NotEmpty(byDomain);
            Assert.True(fallbacks > 0, "the survivors never wrote a contribution directly after an owner timeout");
            output.WriteLine(
                $"{fault}: acknowledged {total.Acknowledged} (at the fault {ackedAtFault}), owner timeouts on the survivors {fallbacks}, counted {counted}, counted but never acknowledged {extra}, " +
                $"unanswered {loads.Sum(l => l.TransportErrors)}, refused {loads.Sum(l => l.Unavailable)}, transitions in the feed {feed.Count} for {byDomain.Length} domains");
            foreach (var client in clients)
                client.Dispose();
        }
        finally
        {
            foreach (var host in hosts)
            {
                if (host is not null)
                    await host.DisposeAsync();
            }
        }
    }

    private static IEnumerable<DomainEvent> Events() =>
        Enumerable.Range(0, int.MaxValue).Select(i => new DomainEvent($"ck{i % Domains}.example", i % 97 == 0 ? EventKind.Bounced : EventKind.Delivered));

    private static IEnumerable<string> AllDomains() => Enumerable.Range(0, Domains).Select(i => $"ck{i}.example");

    /// <summary>Every transition in the feed, once the relay has journaled every outbox entry.</summary>
    private static async Task<List<StatusFeedEndpoints.StatusChangePage>> ReadPagesAsync(HttpClient api)
    {
        var pages = new List<StatusFeedEndpoints.StatusChangePage>();
        long after = 0;
        while (true)
        {
            var page = (await api.GetFromJsonAsync<StatusFeedEndpoints.StatusChangePage>($"/domains/changes?after={after}&limit=1000", Json))!;
            pages.Add(page);
            if (page.Items.Count == 0)
                return pages;
            after = page.Next;
        }
    }

    private static async Task<List<Pipeline.StatusFeed.StatusChangeView>> ReadFeedAsync(HostProcess host, string connectionString)
    {
        using var api = new HttpClient { BaseAddress = host.Address };
        await using var store = new PostgresCounterStore(connectionString, CatchAllPolicy.Default);
        // The relay is done when the outbox is empty (it deletes what it journaled).
        await ClusterNodes.EventuallyAsync(async () => await store.CountAfterAsync(0, default) == 0, TimeSpan.FromSeconds(60), "the relay emptied the outbox");
        return (await ReadPagesAsync(api)).SelectMany(p => p.Items).ToList();
    }

    private static async Task WaitForMembersAsync(HostProcess host, int up, TimeSpan? timeout = null)
    {
        using var api = new HttpClient { BaseAddress = host.Address };
        await ClusterNodes.EventuallyAsync(async () =>
        {
            using var cluster = JsonDocument.Parse(await api.GetStringAsync("/admin/cluster"));
            var members = cluster.RootElement.GetProperty("members").EnumerateArray().ToArray();
            return members.Length == up && members.All(m => m.GetProperty("status").GetString() == "Up");
        }, timeout ?? Startup, $"{up} members Up, as {host.Address} sees it");
    }

    private static async Task<long> FallbacksAsync(IEnumerable<HostProcess> hosts)
    {
        long fallbacks = 0;
        foreach (var host in hosts)
        {
            using var api = new HttpClient { BaseAddress = host.Address };
            using var cluster = JsonDocument.Parse(await api.GetStringAsync("/admin/cluster"));
            fallbacks += cluster.RootElement.GetProperty("routing").GetProperty("fallbacks").GetInt64();
        }
        return fallbacks;
    }

    private static async Task WaitReadyAsync(HostProcess host)
    {
        using var api = new HttpClient { BaseAddress = host.Address };
        await ClusterNodes.EventuallyAsync(async () => (await api.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK, Startup, $"{host.Address} ready");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
