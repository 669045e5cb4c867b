using Akka.Ingest.Domain;
using Akka.Ingest.Stores.Postgres;
using Akka.Ingest.Testing;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Akka.Ingest.IntegrationTests.Cluster;

/// <summary>
/// A network split: node 3 runs in a network namespace of its own whose link to nodes 1 and 2 is cut mid-run,
/// while it still reaches PostgreSQL (a Unix socket) and the spec still reaches its HTTP port (a second link).
/// Keep-majority keeps nodes 1 and 2, which down node 3; node 3 downs itself. Load goes to all three throughout;
/// then the link heals, node 3 is started again and rejoins, and every node is SIGTERMed. Per domain:
/// acknowledged ≤ counted ≤ acknowledged + unanswered, every status transition once in the feed, three members
/// again. Needs root and iproute2 (CI runs as root; test.sh installs iproute2).
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class NetworkSplitSpecs(PostgresFixture postgres, ITestOutputHelper output)
{
    private const int Domains = 160;
    private const long CatchAllThreshold = 20;
    private const double RatePerNode = 400;
    private const int Inside = 2;

    [Theory]
    [InlineData(ClusterWrites.Direct)]
    [InlineData(ClusterWrites.ThroughOwners)]
    public async Task Should_count_exactly_through_a_network_split_and_its_healing(ClusterWrites writes)
    {
        Assert.True(Environment.UserName == "root", "the network split spec needs root (ip netns); CI runs as root");
        await using var space = await NetworkNamespace.CreateAsync();
        NodePlacement Placement(int node) => node == Inside
            ? new NodePlacement(space.InsideClusterAddress, space.Launcher, $"http://{space.InsideApiAddress}:0", space.InsideApiAddress)
            : new NodePlacement(space.HostClusterAddress);
        var connectionString = await postgres.Server.CreateDatabaseAsync("clustersplit");
        await using var cluster = await ClusterProcesses.StartAsync(
            connectionString, 3, Placement, "--Ingest:RequestTimeout=00:00:30", $"--Ingest:CatchAllThreshold={CatchAllThreshold}", writes.Argument());
        try
        {
            await RunAsync(cluster, space, writes, connectionString);
        }
        catch (Exception e)
        {
            output.WriteLine(cluster.Logs(linesEach: null));
            throw new XunitException($"{e.GetType().Name}: {e.Message}\n{e.StackTrace}\n----- host logs (tails; full logs in the test output) -----\n{cluster.Logs(40)}");
        }
    }

    private async Task RunAsync(ClusterProcesses cluster, NetworkNamespace space, ClusterWrites writes, string connectionString)
    {
        int[] outside = [0, 1];
        foreach (var node in outside)
            await cluster.WaitForMembersAsync(node, 3);
        for (var i = 0; i < 3; i++)
            await cluster.WaitReadyAsync(i);
        if (writes == ClusterWrites.ThroughOwners)
            await cluster.WaitUntilOwnsPartitionAsync(outside[0], Inside);

        using var stopAll = new CancellationTokenSource();
        using var stopInside = CancellationTokenSource.CreateLinkedTokenSource(stopAll.Token);
        using var load = new ClusterLoad(cluster, "ns", Domains, RatePerNode);
        var loads = load.Loads;
        try
        {
            for (var i = 0; i < 3; i++)
                load.Start(i, i == Inside ? stopInside.Token : stopAll.Token);
            await Eventually.TrueAsync(() => loads.Sum(l => l.Acknowledged) >= 3_000, TimeSpan.FromSeconds(60), "3,000 events acknowledged");
            var ackedAtSplit = loads.Sum(l => l.Acknowledged);
            await space.Cut();

            // The majority side downs node 3 and keeps taking load; node 3, on the minority side, downs itself
            // and stops — meanwhile it still answers what it can, writing directly after the owner timeout.
            long Outside() => outside.Sum(i => loads[i].Acknowledged);
            var outsideBefore = Outside();
            foreach (var node in outside)
                await cluster.WaitForMembersAsync(node, 2, TimeSpan.FromSeconds(60));
            await Eventually.TrueAsync(() => Outside() >= outsideBefore + 2_000, TimeSpan.FromSeconds(60), "the majority keeps acknowledging");
            await cluster[Inside].WaitForExitAsync(TimeSpan.FromSeconds(60));
            var insideAcknowledgedDuringSplit = loads[Inside].Acknowledged;
            await stopInside.CancelAsync();
            var fallbacks = await cluster.FallbacksAsync(outside);

            // The link heals; node 3 starts again, inside the namespace, and rejoins.
            await space.Heal();
            await cluster.StartAsync(Inside);
            foreach (var node in outside)
                await cluster.WaitForMembersAsync(node, 3);
            await cluster.WaitReadyAsync(Inside);
            var rejoined = load.Start(Inside, stopAll.Token);
            await Eventually.TrueAsync(() => loads[rejoined].Acknowledged >= 1_000, TimeSpan.FromSeconds(60), "node 3 acknowledges after the healing");
            await stopAll.CancelAsync();
            await load.StoppedAsync();

            await using var store = new PostgresCounterStore(connectionString, new CatchAllPolicy(CatchAllThreshold));
            await ClusterNodes.EventuallyAsync(async () => await store.CountAsync(default) == 0, TimeSpan.FromSeconds(60), "the relay emptied the outbox");
            var feed = await ClusterProcesses.ReadFeedAsync(cluster[0].Address);

            await cluster.StopAllAsync();

            var verdict = await ClusterLoadVerdict.JudgeAsync(store, new CatchAllPolicy(CatchAllThreshold), loads, feed, ClusterLoadVerdict.Domains("ns", Domains));
            var summary =
                $"split (node3 in {space.Name}, {writes}): acknowledged {verdict.Acknowledged} (at the split {ackedAtSplit}; node3 before it stopped {insideAcknowledgedDuringSplit}), " +
                $"counted {verdict.Counted}, counted but never acknowledged {verdict.Extra}, unanswered {loads.Sum(l => l.TransportErrors)}, " +
                $"refused (503) {loads.Sum(l => l.Unavailable)}, other statuses {loads.Sum(l => l.OtherStatuses)}, owner timeouts on the majority {fallbacks}, " +
                $"transitions in the feed {feed.Count} for {verdict.DomainsWithTransitions} domains";
            output.WriteLine(summary);
            Assert.True(verdict.Violations.Count == 0, $"{summary}\n{verdict.Violations.Count} violations:\n{string.Join("\n", verdict.Violations.Take(30))}");
            Assert.True(verdict.DomainsWithTransitions > 0, summary);
            if (writes == ClusterWrites.ThroughOwners)
                Assert.True(fallbacks > 0, $"the majority never wrote a contribution directly after an owner timeout; {summary}");
            else
                Assert.Equal(0, fallbacks);
        }
        finally
        {
            await stopAll.CancelAsync();
        }
    }
}
