using Akka.Actor;
using Akka.Ingest.Cluster;
using Akka.Ingest.Domain;
using static Akka.Ingest.Writers.PartitionWriterProtocol;

namespace Akka.Ingest.Tests.Cluster;

/// <summary>
/// The owner path with a <c>TestProbe</c> for the shard region and one for this node's lanes: relay, timeout and
/// fallback, the direct window, and the ambiguity a fallback must keep (audit 2026-12-02, finding 1).
/// </summary>
public sealed class OwnerRoutedWriterSpecs : Akka.TestKit.Xunit2.TestKit
{
    private static readonly TimeSpan OwnerTimeout = TimeSpan.FromMilliseconds(300);

    [Fact]
    public void Should_relay_the_owners_answer()
    {
        var (router, region, lanes) = Start();
        var write = Write(1);

        router.Tell(write);
        region.ExpectMsg<WriteBatch>(w => w.Batch.Id == write.Batch.Id);
        region.Reply(new BatchWritten(write.Batch.Id, BatchOutcome.Duplicate, TimeSpan.Zero));

        Assert.Equal(write.Batch.Id, ExpectMsg<BatchWritten>().Id);
        lanes.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void Should_answer_a_definite_local_failure_as_ambiguous_after_the_owner_was_sent_the_batch()
    {
        var (router, region, lanes) = Start();
        var write = Write(1);

        router.Tell(write);
        region.ExpectMsg<WriteBatch>();
        // The owner stays silent past the timeout, yet may still commit its copy: the local lane's "nothing applied"
        // speaks for its own attempt only.
        lanes.ExpectMsg<WriteBatch>(TimeSpan.FromSeconds(5));
        lanes.Reply(new BatchFailed(write.Batch.Id, Ambiguous: false, TimeSpan.Zero));

        var failed = ExpectMsg<BatchFailed>();
        Assert.True(failed.Ambiguous);
    }

    [Fact]
    public void Should_write_later_batches_locally_for_the_direct_window_and_pass_their_answers_on_as_they_are()
    {
        var (router, region, lanes) = Start();
        router.Tell(Write(1));
        region.ExpectMsg<WriteBatch>();
        lanes.ExpectMsg<WriteBatch>(TimeSpan.FromSeconds(5));
        lanes.Reply(new BatchWritten(new BatchId("spec/p0", 1), BatchOutcome.Duplicate, TimeSpan.Zero));
        ExpectMsg<BatchWritten>();

        var direct = Write(2);
        router.Tell(direct);
        lanes.ExpectMsg<WriteBatch>(w => w.Batch.Id == direct.Batch.Id);
        region.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
        lanes.Reply(new BatchFailed(direct.Batch.Id, Ambiguous: false, TimeSpan.Zero));
        // Never sent to the owner: a definite local failure is definite.
        Assert.False(ExpectMsg<BatchFailed>().Ambiguous);
    }

    private (Akka.Actor.IActorRef Router, Akka.TestKit.TestProbe Region, Akka.TestKit.TestProbe Lanes) Start()
    {
        var region = CreateTestProbe();
        var lanes = CreateTestProbe();
        var router = Sys.ActorOf(OwnerRoutedWriterActor.Props(0, region, lanes, OwnerTimeout, TimeSpan.FromSeconds(5), new OwnerRoutingCounters(1)));
        return (router, region, lanes);
    }

    private static WriteBatch Write(long sequence) =>
        new(0, CounterBatch.FromDistinct(new BatchId("spec/p0", sequence), [new DomainDelta("owner.example", 1, 0)]));
}
