using Akka.Actor;
using Akka.Ingest.Domain;
using Akka.Ingest.StatusFeed;
using static Akka.Ingest.StatusFeed.StatusRelayLeaseActor;

namespace Akka.Ingest.Tests.StatusFeed;

/// <summary>The relay runs on a host only while the host holds the relay lease, and never twice on one host.</summary>
public sealed class StatusRelayLeaseSpecs() : Akka.TestKit.Xunit2.TestKit("""
    akka.persistence.journal.plugin = "akka.persistence.journal.inmem"
    akka.persistence.snapshot-store.plugin = "akka.persistence.snapshot-store.inmem"
    """)
{
    private static readonly StatusRelayOptions FastPolling = new(
        TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(20), 500, StatusRelayOptions.DefaultSnapshotEvery);

    [Fact]
    public async Task Should_run_no_relay_until_the_lease_is_held_and_then_journal_the_outbox()
    {
        var outbox = new InMemoryStatusOutbox();
        outbox.Add("waiting.example", DomainStatus.Unknown, DomainStatus.CatchAll);
        var lease = new ControlledRelayLease();
        var front = Sys.ActorOf(StatusRelayLeaseActor.Props(lease, StatusRelayActorExtensions.SupervisedProps(outbox, outbox, FastPolling)));
        await ContendedAsync(lease);

        lease.Revoke();
        Assert.Equal(new RelayLeaseStatus(false, false), await LeaseOf(front));
        await Assert.ThrowsAsync<RelayNotRunningHereException>(() => StatusOf(front));
        Assert.Equal(0, outbox.Reads);

        lease.Grant();
        await AwaitAssertAsync(async () => Assert.Equal(new StatusRelayActor.RelayStatus(1, 1), await StatusOf(front)));
        Assert.Equal(new RelayLeaseStatus(true, true), await LeaseOf(front));
    }

    [Fact]
    public async Task Should_stop_the_relay_when_the_lease_is_lost()
    {
        var outbox = new InMemoryStatusOutbox();
        var lease = new ControlledRelayLease();
        var front = Sys.ActorOf(StatusRelayLeaseActor.Props(lease, StatusRelayActorExtensions.SupervisedProps(outbox, outbox, FastPolling)));
        await ContendedAsync(lease);
        lease.Grant();
        await AwaitConditionAsync(() => Task.FromResult(outbox.HasSubscribers), TimeSpan.FromSeconds(5));

        lease.Revoke();

        await AwaitConditionAsync(() => Task.FromResult(!outbox.HasSubscribers), TimeSpan.FromSeconds(5));
        Assert.Equal(new RelayLeaseStatus(false, false), await LeaseOf(front));
        await Assert.ThrowsAsync<RelayNotRunningHereException>(() => StatusOf(front));
        var readsWhenStopped = outbox.Reads;
        outbox.Add("after.example", DomainStatus.Unknown, DomainStatus.NotCatchAll);
        await ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200));
        Assert.Equal(readsWhenStopped, outbox.Reads);
    }

    [Fact]
    public async Task Should_start_a_new_relay_only_once_the_lost_one_has_stopped()
    {
        var lifecycle = CreateTestProbe();
        var lease = new ControlledRelayLease();
        Sys.ActorOf(StatusRelayLeaseActor.Props(lease, Akka.Actor.Props.Create(() => new LifecycleActor(lifecycle.Ref))));
        await ContendedAsync(lease);
        lease.Grant();
        await lifecycle.ExpectMsgAsync("started");

        // Lost and held again at once: the first relay must have stopped before the second starts.
        lease.Revoke();
        lease.Grant();

        await lifecycle.ExpectMsgAsync("stopped");
        await lifecycle.ExpectMsgAsync("started");
        await lifecycle.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public async Task Should_give_the_lease_up_once_its_relay_has_stopped()
    {
        var lifecycle = CreateTestProbe();
        var lease = new ControlledRelayLease { GivenUp = () => lifecycle.Ref.Tell("given up") };
        var front = Sys.ActorOf(StatusRelayLeaseActor.Props(lease, Akka.Actor.Props.Create(() => new LifecycleActor(lifecycle.Ref))));
        await ContendedAsync(lease);
        lease.Grant();
        await lifecycle.ExpectMsgAsync("started");

        Sys.Stop(front);

        await lifecycle.ExpectMsgAsync("stopped");
        await lifecycle.ExpectMsgAsync("given up");
    }

    private Task ContendedAsync(ControlledRelayLease lease) =>
        AwaitConditionAsync(() => Task.FromResult(lease.HasContender), TimeSpan.FromSeconds(5));

    private static Task<StatusRelayActor.RelayStatus> StatusOf(IActorRef front) =>
        front.Ask<StatusRelayActor.RelayStatus>(StatusRelayActor.GetRelayStatus.Instance, TimeSpan.FromSeconds(3));

    private static Task<RelayLeaseStatus> LeaseOf(IActorRef front) =>
        front.Ask<RelayLeaseStatus>(GetRelayLease.Instance, TimeSpan.FromSeconds(3));

    /// <summary>A stand-in relay that tells the probe when it starts and when it has stopped.</summary>
    private sealed class LifecycleActor(IActorRef probe) : ReceiveActor
    {
        protected override void PreStart() => probe.Tell("started");

        protected override void PostStop() => probe.Tell("stopped");
    }
}
