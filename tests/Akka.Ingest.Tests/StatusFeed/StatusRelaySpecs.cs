using Akka.Actor;
using Akka.Ingest.Domain;
using Akka.Ingest.StatusFeed;
using static Akka.Ingest.StatusFeed.StatusRelayActor;

namespace Akka.Ingest.Tests.StatusFeed;

public sealed class StatusRelaySpecs() : Akka.TestKit.Xunit2.TestKit("""
    akka.persistence.journal.plugin = "akka.persistence.journal.inmem"
    akka.persistence.snapshot-store.plugin = "akka.persistence.snapshot-store.inmem"
    """)
{
    private static readonly StatusRelayOptions FastPolling = new(
        TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(20), 500, StatusRelayOptions.DefaultSnapshotEvery);

    private static readonly StatusRelayOptions SignalledOnly = FastPolling with { IdlePollInterval = TimeSpan.FromHours(1) };

    [Fact]
    public async Task Should_not_read_an_idle_outbox_again_before_the_idle_poll_interval()
    {
        var outbox = new InMemoryStatusOutbox();
        Sys.ActorOf(Props(outbox, outbox, SignalledOnly));
        await AwaitConditionAsync(() => Task.FromResult(outbox.Reads >= 1), TimeSpan.FromSeconds(5));

        // 25 poll intervals without a signal.
        await ExpectNoMsgAsync(TimeSpan.FromMilliseconds(500));

        Assert.Equal(1, outbox.Reads);
    }

    [Fact]
    public async Task Should_journal_a_signalled_entry_without_waiting_for_the_idle_poll()
    {
        var outbox = new InMemoryStatusOutbox();
        var relay = Sys.ActorOf(Props(outbox, outbox, SignalledOnly));
        await AwaitConditionAsync(() => Task.FromResult(outbox.Reads >= 1), TimeSpan.FromSeconds(5));

        outbox.Add("signalled.example", DomainStatus.Unknown, DomainStatus.CatchAll);

        await AwaitAssertAsync(async () => Assert.Equal(new RelayStatus(1, 1), await StatusOf(relay)));
        await AwaitAssertAsync(async () => Assert.Equal(0, await outbox.CountAsync(default)));
    }

    [Fact]
    public async Task Should_journal_an_entry_nobody_signalled_at_the_idle_poll()
    {
        var outbox = new InMemoryStatusOutbox { Signals = false };
        var relay = Sys.ActorOf(Props(outbox, outbox, FastPolling with { IdlePollInterval = TimeSpan.FromMilliseconds(300) }));
        await AwaitConditionAsync(() => Task.FromResult(outbox.Reads >= 1), TimeSpan.FromSeconds(5));

        outbox.Add("missed.example", DomainStatus.Unknown, DomainStatus.NotCatchAll);

        await AwaitAssertAsync(async () => Assert.Equal(new RelayStatus(1, 1), await StatusOf(relay)), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Should_stop_listening_for_signals_when_it_stops()
    {
        var outbox = new InMemoryStatusOutbox();
        var relay = Sys.ActorOf(Props(outbox, outbox, SignalledOnly));
        await AwaitConditionAsync(() => Task.FromResult(outbox.HasSubscribers), TimeSpan.FromSeconds(5));
        Watch(relay);

        relay.Tell(PoisonPill.Instance);
        await ExpectTerminatedAsync(relay);

        Assert.False(outbox.HasSubscribers);
    }

    [Fact]
    public async Task Should_journal_each_outbox_entry_once_and_delete_it()
    {
        var outbox = new InMemoryStatusOutbox();
        outbox.Add("a.example", DomainStatus.Unknown, DomainStatus.CatchAll);
        outbox.Add("b.example", DomainStatus.Unknown, DomainStatus.NotCatchAll);
        var relay = Sys.ActorOf(Props(outbox, outbox, FastPolling));

        await AwaitAssertAsync(async () => Assert.Equal(new RelayStatus(2, 2), await StatusOf(relay)));
        await AwaitAssertAsync(async () => Assert.Equal(0, await outbox.CountAsync(default)));
    }

    [Fact]
    public async Task Should_not_journal_again_what_a_crashed_relay_journaled_but_did_not_delete()
    {
        var outbox = new InMemoryStatusOutbox { FailDeletes = true };
        for (var i = 0; i < 3; i++)
            outbox.Add($"d{i}.example", DomainStatus.Unknown, DomainStatus.CatchAll);

        var first = Sys.ActorOf(Props(outbox, outbox, FastPolling));
        await AwaitAssertAsync(async () => Assert.Equal(new RelayStatus(3, 3), await StatusOf(first)));
        Watch(first);
        first.Tell(PoisonPill.Instance);
        await ExpectTerminatedAsync(first);

        // The entries are still in the outbox; the new incarnation recovers from the journal which ones it journaled.
        outbox.FailDeletes = false;
        var second = Sys.ActorOf(Props(outbox, outbox, FastPolling));
        outbox.Add("late.example", DomainStatus.CatchAll, DomainStatus.NotCatchAll);

        await AwaitAssertAsync(async () => Assert.Equal(new RelayStatus(4, 4), await StatusOf(second)));
        await AwaitAssertAsync(async () => Assert.Equal(0, await outbox.CountAsync(default)));
    }

    [Fact]
    public async Task Should_journal_an_entry_that_becomes_visible_after_a_later_one_exactly_once()
    {
        var outbox = new InMemoryStatusOutbox();
        var commitHeld = outbox.Hold("held.example", DomainStatus.Unknown, DomainStatus.CatchAll);
        outbox.Add("other.example", DomainStatus.Unknown, DomainStatus.CatchAll);
        var relay = Sys.ActorOf(Props(outbox, outbox, FastPolling));
        await AwaitAssertAsync(async () => Assert.Equal(1, (await StatusOf(relay)).JournalSequenceNr));

        commitHeld();
        outbox.Add("barrier.example", DomainStatus.Unknown, DomainStatus.NotCatchAll);

        await AwaitAssertAsync(async () => Assert.Equal(3, (await StatusOf(relay)).JournalSequenceNr));
        await AwaitAssertAsync(async () => Assert.Equal(0, await outbox.CountAsync(default)));
    }

    private static Task<RelayStatus> StatusOf(IActorRef relay) =>
        relay.Ask<RelayStatus>(GetRelayStatus.Instance, TimeSpan.FromSeconds(3));
}
