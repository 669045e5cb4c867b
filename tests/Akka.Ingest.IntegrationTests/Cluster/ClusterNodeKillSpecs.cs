using Akka.Ingest.Domain;
using Akka.Ingest.Pipeline.StatusFeed;
using Akka.Ingest.Stores.Postgres;
using Akka.Ingest.Testing;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Akka.Ingest.IntegrationTests.Cluster;

/// <summary>
/// The acceptance test of cluster mode: three host processes on loopback over one PostgreSQL, paced load spread
/// over all three, one node faulted mid-run while the other two keep taking load — the oldest (shard coordinator
/// and status relay) or another node SIGKILLed, or another node frozen (SIGSTOP) past the failure detector until
/// the others down it — then started again, then every node SIGTERMed (the oldest last). Per domain:
/// acknowledged ≤ counted ≤ acknowledged + unanswered; every status transition once in the feed; the cluster
/// converges back to three members. Each fault in both ways a cluster writes (each node's own lanes, or the
/// partitions' owners). A failure prints the counts and every host's log.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class ClusterNodeKillSpecs(PostgresFixture postgres, ITestOutputHelper output)
{
    private const int Domains = 160;
    private const long CatchAllThreshold = 20;
    private const double RatePerNode = 400;

    public enum Fault
    {
        KillOldest,
        KillAnother,
        FreezeAnother,
    }

    [Theory]
    [InlineData(Fault.KillOldest, ClusterWrites.Direct)]
    [InlineData(Fault.KillOldest, ClusterWrites.ThroughOwners)]
    [InlineData(Fault.KillAnother, ClusterWrites.Direct)]
    [InlineData(Fault.KillAnother, ClusterWrites.ThroughOwners)]
    [InlineData(Fault.FreezeAnother, ClusterWrites.Direct)]
    [InlineData(Fault.FreezeAnother, ClusterWrites.ThroughOwners)]
    public async Task Should_count_exactly_through_a_faulted_node_and_its_restart(Fault fault, ClusterWrites writes)
    {
        var connectionString = await postgres.Server.CreateDatabaseAsync("clusterkill");
        await using var cluster = await ClusterProcesses.StartAsync(
            connectionString, 3, "--Ingest:RequestTimeout=00:00:30", $"--Ingest:CatchAllThreshold={CatchAllThreshold}",
            writes.Argument());
        try
        {
            await RunAsync(cluster, fault, writes, connectionString);
        }
        catch (Exception e)
        {
            output.WriteLine(cluster.Logs(linesEach: null));
            throw new XunitException($"{fault}: {e.GetType().Name}: {e.Message}\n{e.StackTrace}\n----- host logs (tails; full logs in the test output) -----\n{cluster.Logs(40)}");
        }
    }

    private async Task RunAsync(ClusterProcesses cluster, Fault fault, ClusterWrites writes, string connectionString)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        void Phase(string name) => output.WriteLine($"[{clock.Elapsed.TotalSeconds,6:F1} s] {name}");
        for (var i = 0; i < 3; i++)
            await cluster.WaitForMembersAsync(i, 3);
        for (var i = 0; i < 3; i++)
            await cluster.WaitReadyAsync(i);
        Phase("formed and ready");
        var oldest = await cluster.OldestAsync(0);
        Assert.InRange(oldest, 0, 2);
        var victim = fault == Fault.KillOldest ? oldest : (oldest + 1) % 3;
        var survivors = Enumerable.Range(0, 3).Where(i => i != victim).ToArray();
        output.WriteLine($"{fault}: oldest node{oldest + 1}, victim node{victim + 1}");
        if (writes == ClusterWrites.ThroughOwners)
        {
            var victimOwns = await cluster.WaitUntilOwnsPartitionAsync(survivors[0], victim);
            output.WriteLine($"{fault}: node{victim + 1} owns {victimOwns} partitions before the fault");
        }

        // Load over all three; the victim is faulted at 3,000 acknowledgements.
        using var stopAll = new CancellationTokenSource();
        using var stopVictim = CancellationTokenSource.CreateLinkedTokenSource(stopAll.Token);
        using var load = new ClusterLoad(cluster, "ck", Domains, RatePerNode);
        var loads = load.Loads;
        try
        {
            for (var i = 0; i < 3; i++)
                load.Start(i, i == victim ? stopVictim.Token : stopAll.Token);
            await Eventually.TrueAsync(() => loads.Sum(l => l.Acknowledged) >= 3_000, TimeSpan.FromSeconds(60), "3,000 events acknowledged");
            Phase("3,000 acknowledged: fault");
            var ackedAtFault = loads.Sum(l => l.Acknowledged);
            if (fault == Fault.FreezeAnother)
            {
                cluster[victim].Freeze();
            }
            else
            {
                cluster[victim].Kill();
                await cluster[victim].WaitForExitAsync(TimeSpan.FromSeconds(30));
            }
            await stopVictim.CancelAsync();

            // The survivors keep taking load and agree the victim is gone.
            long Survivors() => survivors.Sum(i => loads[i].Acknowledged);
            Phase("victim faulted");
            var survivorsBefore = Survivors();
            foreach (var survivor in survivors)
                await cluster.WaitForMembersAsync(survivor, 2, TimeSpan.FromSeconds(45));
            Phase("survivors see 2 members");
            await Eventually.TrueAsync(() => Survivors() >= survivorsBefore + 2_000, TimeSpan.FromSeconds(60), "the two survivors keep acknowledging");
            Phase("survivors acknowledged 2,000 more");
            var fallbacks = await cluster.FallbacksAsync(survivors);
            if (fault == Fault.FreezeAnother)
            {
                // Woken after it was downed, the frozen node learns it was removed and stops by itself.
                cluster[victim].Thaw();
                await cluster[victim].WaitForExitAsync(TimeSpan.FromSeconds(60));
            }

            // The victim comes back on the same ports: a new incarnation joins the same cluster.
            Phase("victim gone; restarting it");
            await cluster.StartAsync(victim);
            for (var i = 0; i < 3; i++)
                await cluster.WaitForMembersAsync(i, 3);
            Phase("3 members again");
            var restarted = load.Start(victim, stopAll.Token);
            await Eventually.TrueAsync(() => loads[restarted].Acknowledged >= 1_000, TimeSpan.FromSeconds(60), "the restarted node acknowledges");
            Phase("restarted node acknowledged 1,000");
            await stopAll.CancelAsync();
            await load.StoppedAsync();

            await using var store = new PostgresCounterStore(connectionString, new CatchAllPolicy(CatchAllThreshold));
            // The relay is done when the outbox is empty (it deletes what it journaled).
            await ClusterNodes.EventuallyAsync(async () => await store.CountAsync(default) == 0, TimeSpan.FromSeconds(60), "the relay emptied the outbox");
            Phase("outbox empty");
            var feed = await ClusterProcesses.ReadFeedAsync(cluster[survivors[0]].Address);

            // The oldest last: the network split specs stop all nodes at once.
            await cluster.StopAllAsync(oldestLast: true);

            Phase("all stopped");
            var verdict = await ClusterLoadVerdict.JudgeAsync(store, new CatchAllPolicy(CatchAllThreshold), loads, feed, ClusterLoadVerdict.Domains("ck", Domains));
            var summary =
                $"{fault} (victim node{victim + 1}, oldest node{oldest + 1}): acknowledged {verdict.Acknowledged} (at the fault {ackedAtFault}), counted {verdict.Counted}, " +
                $"counted but never acknowledged {verdict.Extra}, unanswered {loads.Sum(l => l.TransportErrors)}, refused (503) {loads.Sum(l => l.Unavailable)}, " +
                $"other statuses {loads.Sum(l => l.OtherStatuses)}, owner timeouts on the survivors {fallbacks}, transitions in the feed {feed.Count} for {verdict.DomainsWithTransitions} domains";
            output.WriteLine(summary);
            Assert.True(verdict.Violations.Count == 0, $"{summary}\n{verdict.Violations.Count} violations:\n{string.Join("\n", verdict.Violations.Take(30))}");
            Assert.True(verdict.DomainsWithTransitions > 0, summary);
            if (writes == ClusterWrites.ThroughOwners)
                Assert.True(fallbacks > 0, $"the survivors never wrote a contribution directly after an owner timeout; {summary}");
            else
                Assert.Equal(0, fallbacks);
        }
        finally
        {
            await stopAll.CancelAsync();
        }
    }
}
