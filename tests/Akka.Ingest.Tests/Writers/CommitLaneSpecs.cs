using Akka.Actor;
using Akka.Ingest.Domain;
using Akka.Ingest.Stores;
using Akka.Ingest.Testing;
using Akka.Ingest.Writers;
using static Akka.Ingest.Writers.PartitionWriterProtocol;

namespace Akka.Ingest.Tests.Writers;

/// <summary>
/// One commit lane against a recording store: the transactions it starts (how many, which contributions in each),
/// the replies each contribution gets, and what a held row or a failing store does to the other partitions.
/// </summary>
public sealed class CommitLaneSpecs : Akka.TestKit.Xunit2.TestKit
{
    private static readonly TimeSpan Reply = TimeSpan.FromSeconds(5);

    [Fact]
    public void Should_commit_at_once_when_idle_and_fold_what_arrives_within_the_window_into_one_transaction()
    {
        var store = new RecordingCounterStore(new InMemoryCounterStore());
        var lane = Lane(store, window: TimeSpan.FromMilliseconds(300));
        lane.Tell(Write(4, "first.example"));
        ExpectMsg<BatchWritten>(Reply);

        for (var partition = 0; partition < 4; partition++)
            lane.Tell(Write(partition, $"d{partition}.example"));

        var written = Enumerable.Range(0, 4).Select(_ => ExpectMsg<BatchWritten>(Reply)).ToArray();
        Assert.Equal(4, written.Select(w => w.Id).Distinct().Count());
        // The first batch found the lane idle and went at once; the next four waited for its window and went in one transaction.
        Assert.Equal([1, 4], store.Transactions.Select(t => t.Length));
    }

    [Fact]
    public void Should_commit_its_first_write_at_once_whatever_the_window_and_the_machine_uptime()
    {
        // Longer than this machine has been up: a lane that took "no transaction yet" for "one at boot" waits it out.
        var store = new RecordingCounterStore(new InMemoryCounterStore());
        var lane = Lane(store, window: TimeSpan.FromDays(20));

        lane.Tell(Write(0, "a.example"));

        ExpectMsg<BatchWritten>(Reply);
        Assert.Equal([1], store.Transactions.Select(t => t.Length));
    }

    [Fact]
    public void Should_start_without_waiting_for_the_window_once_enough_rows_wait()
    {
        var store = new RecordingCounterStore(new InMemoryCounterStore());
        var lane = Lane(store, window: TimeSpan.FromHours(1), maxRows: 2);

        lane.Tell(Write(0, "a.example"));
        ExpectMsg<BatchWritten>(Reply);
        lane.Tell(Write(1, "b.example"));
        lane.Tell(Write(2, "c.example"));

        ExpectMsg<BatchWritten>(Reply);
        ExpectMsg<BatchWritten>(Reply);
        Assert.Equal([1, 2], store.Transactions.Select(t => t.Length));
    }

    [Fact]
    public async Task Should_commit_the_other_partitions_alone_when_a_shared_transaction_times_out_on_a_held_row()
    {
        var store = new RecordingCounterStore(new InMemoryCounterStore(), contributions =>
            contributions.Any(c => c.Deltas.Any(d => d.Domain == "held.example")) ? new RowLockTimeoutException("held") : null);
        var lane = Lane(store, window: TimeSpan.FromMilliseconds(300));
        lane.Tell(Write(2, "warm.example"));
        ExpectMsg<BatchWritten>(Reply);

        var held = Write(0, "held.example");
        var free = Write(1, "free.example");
        lane.Tell(held);
        lane.Tell(free);
        // Both shared the transaction that timed out: both may be sent again at once, nothing of them applied.
        var failures = new[] { ExpectMsg<BatchFailed>(Reply), ExpectMsg<BatchFailed>(Reply) };
        Assert.All(failures, f => Assert.False(f.Ambiguous));
        Assert.All(failures, f => Assert.Equal(TimeSpan.Zero, f.RetryAfter));

        lane.Tell(held);
        lane.Tell(free);
        var replies = new[] { ExpectMsg<WriteReply>(Reply), ExpectMsg<WriteReply>(Reply) };
        Assert.Contains(replies, r => r is BatchWritten w && w.Id == free.Batch.Id);
        Assert.Contains(replies, r => r is BatchFailed f && f.Id == held.Batch.Id && !f.Ambiguous);

        // The free partition is back on the lane; the held one commits alone until it commits.
        var state = (await lane.Ask<LaneState>(CommitLaneActor.GetLaneState.Instance, Reply));
        Assert.Equal([0], state.IsolatedPartitions);
        var next = Write(1, "free.example", sequence: 2);
        lane.Tell(next);
        ExpectMsg<BatchWritten>(Reply);
    }

    [Fact]
    public async Task Should_back_off_a_partition_that_fails_alone_and_refuse_it_at_once_meanwhile_without_touching_the_store()
    {
        var inner = new InMemoryCounterStore();
        var store = new RecordingCounterStore(inner, contributions => new InvalidOperationException("down"));
        var lane = Lane(store, window: TimeSpan.Zero, backoff: new RetryBackoff(TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(30)));

        // The lane's own transaction failed: the partition is sent to commit alone, at once.
        lane.Tell(Write(0, "a.example"));
        var isolated = ExpectMsg<BatchFailed>(Reply);
        Assert.False(isolated.Ambiguous);
        Assert.Equal(TimeSpan.Zero, isolated.RetryAfter);

        // Alone, it failed again: now it backs off.
        lane.Tell(Write(0, "a.example"));
        var first = ExpectMsg<BatchFailed>(Reply);
        Assert.False(first.Ambiguous);
        Assert.True(first.RetryAfter >= TimeSpan.FromSeconds(30), $"retry after {first.RetryAfter}");

        lane.Tell(Write(0, "a.example"));
        var second = ExpectMsg<BatchFailed>(Reply);
        Assert.True(second.RetryAfter > TimeSpan.Zero && second.RetryAfter <= first.RetryAfter, $"retry after {second.RetryAfter}");
        Assert.Equal(2, store.Transactions.Count);
        var state = await lane.Ask<LaneState>(CommitLaneActor.GetLaneState.Instance, Reply);
        Assert.Equal(LaneState.Running, state.State);
        var backoff = Assert.Single(state.IsolatedBackoffs);
        Assert.Equal((0, 1), (backoff.Partition, backoff.FailuresInARow));
        Assert.Equal(WriterState.BackingOff, WriterState.Of(0, state).State);
    }

    [Fact]
    public async Task Should_keep_committing_the_other_partitions_of_the_lane_while_one_fails_alone()
    {
        var store = new RecordingCounterStore(new InMemoryCounterStore(), contributions =>
            contributions.Any(c => c.Deltas.Any(d => d.Domain == "poison.example")) ? new InvalidOperationException("a constraint broke") : null);
        var lane = Lane(store, window: TimeSpan.Zero, backoff: new RetryBackoff(TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(30)));

        lane.Tell(Write(0, "poison.example"));
        Assert.Equal(TimeSpan.Zero, ExpectMsg<BatchFailed>(Reply).RetryAfter);
        lane.Tell(Write(0, "poison.example"));
        Assert.True(ExpectMsg<BatchFailed>(Reply).RetryAfter >= TimeSpan.FromSeconds(30));

        // The partition that fails waits out its backoff; its lane's other partition commits meanwhile, at once.
        for (var sequence = 1; sequence <= 3; sequence++)
        {
            lane.Tell(Write(1, "healthy.example", sequence));
            ExpectMsg<BatchWritten>(Reply);
        }
        var state = await lane.Ask<LaneState>(CommitLaneActor.GetLaneState.Instance, Reply);
        Assert.Equal(WriterState.Running, WriterState.Of(1, state).State);
        Assert.Equal(WriterState.BackingOff, WriterState.Of(0, state).State);
    }

    [Fact]
    public async Task Should_apply_a_contribution_sent_twice_once()
    {
        var inner = new InMemoryCounterStore();
        var lane = Lane(new RecordingCounterStore(inner), window: TimeSpan.Zero);
        var write = Write(0, "twice.example");

        lane.Tell(write);
        Assert.False(ExpectMsg<BatchWritten>(Reply).Outcome.AlreadyApplied);
        lane.Tell(write);
        Assert.True(ExpectMsg<BatchWritten>(Reply).Outcome.AlreadyApplied);
        Assert.Equal(1, (await inner.ReadAsync("twice.example", default)).Delivered);
    }

    [Fact]
    public async Task Should_route_partitions_to_lanes_by_partition_modulo_lanes()
    {
        var store = new RecordingCounterStore(new InMemoryCounterStore());
        var settings = Settings(TimeSpan.Zero) with { Lanes = 2 };
        var lanes = Sys.ActorOf(CommitLanesActor.Props(store, settings, partitions: 4));

        for (var partition = 0; partition < 4; partition++)
            lanes.Tell(Write(partition, $"p{partition}.example"));
        for (var partition = 0; partition < 4; partition++)
            ExpectMsg<BatchWritten>(Reply);

        var states = (await lanes.Ask<CommitLanesActor.WriterStates>(CommitLanesActor.GetWriterStates.Instance, Reply));
        Assert.Equal([0, 1, 0, 1], states.ByPartition.Select(s => s.Lane!.Value));
        Assert.Equal(4, states.Lanes.Sum(l => l.Contributions));
        lanes.Tell(Write(9, "out-of-range.example"));
        Assert.False(ExpectMsg<BatchFailed>(Reply).Ambiguous);
    }

    private IActorRef Lane(ICounterStore store, TimeSpan window, int maxRows = 20_000, RetryBackoff? backoff = null) =>
        Sys.ActorOf(CommitLaneActor.Props(store, Settings(window, maxRows, backoff), lane: 0));

    private static CommitLaneSettings Settings(TimeSpan window, int maxRows = 20_000, RetryBackoff? backoff = null) =>
        new(1, window, window, maxRows, backoff ?? new RetryBackoff(TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(100)));

    private static WriteBatch Write(int partition, string domain, long sequence = 1) =>
        new(partition, CounterBatch.FromDistinct(new BatchId($"spec/p{partition}", sequence), [new DomainDelta(domain, 1, 0)]));
}
