using System.Threading.Channels;
using Akka.Actor;
using Akka.Ingest.Domain;
using Akka.Ingest.Pipeline.Ingestion;
using Akka.Ingest.Testing;
using Akka.Streams;
using Akka.Streams.Dsl;
using Akka.Streams.TestKit;

namespace Akka.Ingest.Tests.Ingestion;

public sealed class IngestGraphSpecs : Akka.TestKit.Xunit2.TestKit
{
    private static readonly TimeSpan StoreTimeout = TimeSpan.FromSeconds(10);

    private sealed record Pulled(int Index);

    [Fact]
    public async Task Should_fold_events_into_one_delta_per_domain_and_backpressure_while_the_writer_is_busy()
    {
        const int maxBatchEvents = 8;
        var store = new GatedCounterStore(new InMemoryCounterStore());
        var harness = WriterHarness.Start(Sys, store);
        var probe = CreateTestProbe();

        var reports = Source.From(Enumerable.Range(0, 1000))
            .Select(i =>
            {
                probe.Ref.Tell(new Pulled(i));
                return WriterHarness.Envelope(i % 3 == 2 ? "b.example" : "a.example");
            })
            .Via(IngestGraph.PartitionCommits(maxBatchEvents, harness.Committers[0].CommitAsync))
            .RunWith(this.SinkProbe<CommitReport>(), Sys.Materializer());
        reports.Request(100);

        // The first event goes straight to the writer, which the gated store holds.
        var first = store.NextStarted(StoreTimeout);
        Assert.Equal([new DomainDelta("a.example", 1, 0)], first.Deltas);

        // While it is held, the next batch fills up to its limit and then nothing more is pulled.
        for (var i = 0; i < 1 + maxBatchEvents; i++)
            probe.ExpectMsg<Pulled>(TimeSpan.FromSeconds(5));
        var extra = probe.ReceiveWhile(TimeSpan.FromMilliseconds(300), msg => msg as Pulled, msgs: 100);
        Assert.InRange(extra.Count, 0, 2);
        probe.ExpectNoMsg(TimeSpan.FromMilliseconds(300));

        store.Open();
        var second = store.NextStarted(StoreTimeout);
        Assert.Equal(2, second.Deltas.Count);
        Assert.Equal(maxBatchEvents, second.Events);
        Assert.All(second.Deltas, d => Assert.True(d.Delivered > 1, $"{d.Domain} was not folded into one delta"));

        // Committing the batch makes room again: the source is pulled once more.
        probe.ExpectMsg<Pulled>(TimeSpan.FromSeconds(5));
        store.Open(1000);
        await reports.ExpectNextAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Should_complete_each_acknowledgement_only_after_its_batch_commits()
    {
        var store = new GatedCounterStore(new InMemoryCounterStore());
        var harness = WriterHarness.Start(Sys, store);
        var envelopes = Enumerable.Range(0, 5).Select(i => WriterHarness.Envelope($"d{i}.example")).ToArray();

        var reports = Source.From(envelopes)
            .Via(IngestGraph.PartitionCommits(100, harness.Committers[0].CommitAsync))
            .RunWith(this.SinkProbe<CommitReport>(), Sys.Materializer());
        reports.Request(10);

        var first = store.NextStarted(StoreTimeout);
        Assert.Single(first.Deltas);
        Assert.All(envelopes, e => Assert.False(e.Outcome.IsCompleted, "acknowledged before its batch committed"));

        store.Open();
        Assert.Equal(IngestOutcome.Committed, await envelopes[0].Outcome.WaitAsync(StoreTimeout));

        var second = store.NextStarted(StoreTimeout);
        Assert.Equal(4, second.Deltas.Count);
        Assert.All(envelopes[1..], e => Assert.False(e.Outcome.IsCompleted, "acknowledged before its batch committed"));

        store.Open();
        foreach (var envelope in envelopes[1..])
            Assert.Equal(IngestOutcome.Committed, await envelope.Outcome.WaitAsync(StoreTimeout));
        await reports.ExpectNextAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Should_keep_partitions_apart_and_never_put_a_domain_twice_in_a_batch()
    {
        var store = new InMemoryCounterStore();
        var harness = WriterHarness.Start(Sys, store, partitions: 3);
        var partitioner = new Partitioner(3);
        var domains = Enumerable.Range(0, 30).Select(i => $"d{i}.example").ToArray();
        var envelopes = Enumerable.Range(0, 3000)
            .Select(i => domains[i % domains.Length])
            .Select(d => WriterHarness.Envelope(d, partition: partitioner.PartitionOf(d)))
            .ToArray();

        var queues = Enumerable.Range(0, 3).Select(_ => Channel.CreateUnbounded<IngestEnvelope>()).ToArray();
        foreach (var envelope in envelopes)
            queues[envelope.Partition].Writer.TryWrite(envelope);
        foreach (var queue in queues)
            queue.Writer.Complete();

        await IngestGraph.PartitionedCommits(queues.Select(q => q.Reader).ToArray(), 100, batch => harness.Committers[batch.Partition].CommitAsync(batch))
            .RunWith(Sink.Ignore<CommitReport>(), Sys.Materializer())
            .WaitAsync(TimeSpan.FromSeconds(30));

        foreach (var batch in store.Applied)
        {
            Assert.Equal(batch.Deltas.Count, batch.Deltas.Select(d => d.Domain).Distinct().Count());
            Assert.Single(batch.Deltas.Select(d => partitioner.PartitionOf(d.Domain)).Distinct());
        }
        foreach (var domain in domains)
            Assert.Equal(100, (await store.ReadAsync(domain, CancellationToken.None)).Delivered);
        Assert.All(envelopes, e => Assert.Equal(IngestOutcome.Committed, e.Outcome.Result));
    }
}
