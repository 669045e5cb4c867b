using Akka.Ingest.Domain;
using Akka.Ingest.Pipeline.Ingestion;
using Akka.Ingest.Testing;
using Akka.Ingest.Tests.Ingestion;
using Akka.Ingest.Writers;

namespace Akka.Ingest.Tests.Writers;

public sealed class CommitRetrySpecs : Akka.TestKit.Xunit2.TestKit
{
    [Fact]
    public async Task Should_back_off_and_retry_the_batch_until_the_store_recovers()
    {
        var inner = new InMemoryCounterStore();
        var store = new FaultInjectingCounterStore(inner, StoreFault.FailBeforeCommit, StoreFault.FailBeforeCommit, StoreFault.FailBeforeCommit);
        var harness = WriterHarness.Start(Sys, store);
        var lane = await harness.LaneStateAsync();

        var batch = Batch(("a.example", 700), ("b.example", 300));
        var report = await harness.Committers[0].CommitAsync(batch);

        Assert.True(report.Committed);
        Assert.Equal(4, store.Attempts);
        Assert.Equal(4, report.Attempts);
        // The lane itself handled the failures (no restart): the same incarnation, three failures counted, running again.
        var after = await harness.LaneStateAsync();
        Assert.Equal(lane.Uid, after.Uid);
        Assert.Equal(3, after.Failures);
        Assert.Equal(0, after.FailuresInARow);
        Assert.Equal(LaneState.Running, after.State);
        Assert.Equal(700, (await inner.ReadAsync("a.example", default)).Delivered);
        Assert.Equal(300, (await inner.ReadAsync("b.example", default)).Delivered);
        Assert.All(batch.Envelopes, e => Assert.Equal(IngestOutcome.Committed, e.Outcome.Result));
    }

    [Fact]
    public async Task Should_not_count_twice_a_batch_whose_commit_succeeded_before_the_error()
    {
        var inner = new InMemoryCounterStore();
        var store = new FaultInjectingCounterStore(inner, StoreFault.FailAfterCommit, StoreFault.FailAfterCommit);
        var harness = WriterHarness.Start(Sys, store);

        var report = await harness.Committers[0].CommitAsync(Batch(("a.example", 1001)));

        Assert.True(report.Committed);
        Assert.True(report.Outcome!.AlreadyApplied);
        Assert.Equal(3, store.Attempts);
        Assert.Single(inner.Applied);
        var counts = await inner.ReadAsync("a.example", default);
        Assert.Equal(1001, counts.Delivered);
    }

    [Fact]
    public async Task Should_withdraw_timed_out_events_after_a_definite_failure_and_commit_the_rest()
    {
        var inner = new InMemoryCounterStore();
        var store = new FaultInjectingCounterStore(inner, StoreFault.FailBeforeCommit);
        var harness = WriterHarness.Start(Sys, store);
        var expired = WriterHarness.Envelope("late.example", timeout: TimeSpan.Zero);
        var batch = PendingBatch.Start(WriterHarness.Envelope("on-time.example")).Add(expired);

        var report = await harness.Committers[0].CommitAsync(batch);

        Assert.True(report.Committed);
        Assert.Equal(IngestOutcome.TimedOut, await expired.Outcome);
        Assert.Equal(0, (await inner.ReadAsync("late.example", default)).Delivered);
        Assert.Equal(1, (await inner.ReadAsync("on-time.example", default)).Delivered);
    }

    [Fact]
    public async Task Should_keep_a_timed_out_event_once_an_ambiguous_commit_may_have_counted_it()
    {
        var inner = new InMemoryCounterStore();
        var store = new FaultInjectingCounterStore(inner, StoreFault.FailAfterCommit, StoreFault.FailBeforeCommit);
        var harness = WriterHarness.Start(Sys, store);
        var expired = WriterHarness.Envelope("late.example", timeout: TimeSpan.Zero);

        var report = await harness.Committers[0].CommitAsync(PendingBatch.Start(expired));

        Assert.True(report.Committed);
        Assert.Equal(IngestOutcome.Committed, await expired.Outcome);
        Assert.Equal(1, (await inner.ReadAsync("late.example", default)).Delivered);
    }

    [Fact]
    public async Task Should_answer_an_event_past_its_deadline_at_once_after_a_definite_failure_not_after_the_lanes_backoff()
    {
        var writers = CreateTestProbe();
        using var stop = new CancellationTokenSource();
        var committer = new PartitionCommitter(0, "spec/p0", writers, TimeSpan.FromSeconds(30), new PartitionStats(0), Sys.Log, stop.Token);
        var late = WriterHarness.Envelope("late.example", timeout: TimeSpan.FromMilliseconds(200));
        _ = committer.CommitAsync(PendingBatch.Start(late));

        var write = writers.ExpectMsg<PartitionWriterProtocol.WriteBatch>();
        await Eventually.TrueAsync(() => late.IsExpired(System.Diagnostics.Stopwatch.GetTimestamp()), TimeSpan.FromSeconds(5), "the request's deadline passed during the attempt");
        // Certainly not committed; the lane will not take the batch again for a minute.
        writers.Reply(new PartitionWriterProtocol.BatchFailed(write.Batch.Id, Ambiguous: false, RetryAfter: TimeSpan.FromMinutes(1)));

        Assert.Equal(IngestOutcome.TimedOut, await late.Outcome.WaitAsync(TimeSpan.FromSeconds(10)));
        await stop.CancelAsync();
    }

    private static PendingBatch Batch(params (string Domain, int Events)[] domains)
    {
        PendingBatch? batch = null;
        foreach (var (domain, events) in domains)
        {
            for (var i = 0; i < events; i++)
            {
                var envelope = WriterHarness.Envelope(domain);
                batch = batch is null ? PendingBatch.Start(envelope) : batch.Add(envelope);
            }
        }
        return batch!;
    }
}
