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
    private static readonly StatusRelayOptions FastPolling = new(TimeSpan.FromMilliseconds(20), 500, StatusRelayOptions.DefaultSnapshotEvery);

    [Fact]
    public async Task Should_journal_each_outbox_entry_once_and_delete_it()
    {
        var outbox = new InMemoryStatusOutbox();
        outbox.Add("a.example", DomainStatus.Unknown, DomainStatus.CatchAll);
        outbox.Add("b.example", DomainStatus.Unknown, DomainStatus.NotCatchAll);
        var relay = Sys.ActorOf(Props(outbox, FastPolling));

        await AwaitAssertAsync(async () => Assert.Equal(new RelayStatus(2, 2), await StatusOf(relay)));
        await AwaitAssertAsync(async () => Assert.Equal(0, await outbox.CountAsync(default)));
    }

    [Fact]
    public async Task Should_not_journal_again_what_a_crashed_relay_journaled_but_did_not_delete()
    {
        var outbox = new InMemoryStatusOutbox { FailDeletes = true };
        for (var i = 0; i < 3; i++)
            outbox.Add($"d{i}.example", DomainStatus.Unknown, DomainStatus.CatchAll);

        var first = Sys.ActorOf(Props(outbox, FastPolling));
        await AwaitAssertAsync(async () => Assert.Equal(new RelayStatus(3, 3), await StatusOf(first)));
        Watch(first);
        first.Tell(PoisonPill.Instance);
        await ExpectTerminatedAsync(first);

        // The entries are still in the outbox; the new incarnation recovers from the journal which ones it journaled.
        outbox.FailDeletes = false;
        var second = Sys.ActorOf(Props(outbox, FastPolling));
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
        var relay = Sys.ActorOf(Props(outbox, FastPolling));
        await AwaitAssertAsync(async () => Assert.Equal(1, (await StatusOf(relay)).JournalSequenceNr));

        commitHeld();
        outbox.Add("barrier.example", DomainStatus.Unknown, DomainStatus.NotCatchAll);

        await AwaitAssertAsync(async () => Assert.Equal(3, (await StatusOf(relay)).JournalSequenceNr));
        await AwaitAssertAsync(async () => Assert.Equal(0, await outbox.CountAsync(default)));
    }

    private static Task<RelayStatus> StatusOf(IActorRef relay) =>
        relay.Ask<RelayStatus>(GetRelayStatus.Instance, TimeSpan.FromSeconds(3));
}
