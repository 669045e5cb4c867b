using Akka.Ingest.Domain;
using Akka.Ingest.Pipeline.Config;
using Akka.Ingest.Pipeline.Ingestion;
using Akka.Ingest.Testing;
using Akka.Ingest.Writers;

namespace Akka.Ingest.Tests.Ingestion;

/// <summary>
/// What a sender is told when the drain gives up before its batch is decided: "not counted" only when no write ever
/// held the events; "undecided" when a write holding them may still commit, which a client must not resend blindly.
/// </summary>
public sealed class DrainOutcomeSpecs : Akka.TestKit.Xunit2.TestKit
{
    private static readonly TimeSpan StoreTimeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Should_answer_undecided_for_a_write_in_flight_and_abandoned_for_a_batch_never_sent_when_the_drain_gives_up()
    {
        var options = new IngestOptions { Partitions = 1, RequestTimeout = TimeSpan.FromSeconds(30) };
        var counters = new IngestCounters(options.Partitions);
        var admission = new IngestAdmission(options, counters);
        var stream = new IngestStream(admission, counters, new NodeIdentity("spec"), options);
        var inner = new InMemoryCounterStore();
        var store = new GatedCounterStore(inner);
        stream.Start(Sys, Sys.ActorOf(CommitLanesActor.Props(store, options.CommitLaneSettings, options.Partitions)));

        var inFlight = admission.SubmitAsync(new DomainEvent("in-flight.example", EventKind.Delivered));
        store.NextStarted(StoreTimeout);
        var queued = admission.SubmitAsync(new DomainEvent("queued.example", EventKind.Delivered));
        await AwaitAssertAsync(() => Assert.Equal(2, counters.Accepted), StoreTimeout);

        await stream.DrainAsync(TimeSpan.FromMilliseconds(100));

        Assert.Equal(IngestOutcome.Undecided, await inFlight.WaitAsync(StoreTimeout));
        Assert.Equal(IngestOutcome.Abandoned, await queued.WaitAsync(StoreTimeout));
        // The write the drain gave up on still commits: "undecided" was the true answer, "not counted" would have lied.
        store.Open(2);
        await AwaitAssertAsync(async () => Assert.Equal(1, (await inner.ReadAsync("in-flight.example", default)).Delivered), StoreTimeout);
        Assert.Equal(0, (await inner.ReadAsync("queued.example", default)).Delivered);
    }
}
