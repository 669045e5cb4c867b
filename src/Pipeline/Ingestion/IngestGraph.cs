using System.Threading.Channels;
using Akka.Streams;
using Akka.Streams.Dsl;
using Akka.Streams.Supervision;

namespace Akka.Ingest.Pipeline.Ingestion;

/// <summary>
/// The ingest stream:
/// <c>ChannelSource (bounded in events by an <see cref="AdmissionBudget"/>) → GroupBy(partition) → BatchWeighted (fold into per-domain deltas while the
/// writer is busy) → SelectAsync(1, commit) → MergeSubstreams</c>.
/// One substream per partition (a fixed number, never one per domain); each commits one batch at a time, so
/// its batch grows while the previous one is being written, and a full batch backpressures the source.
/// </summary>
public static class IngestGraph
{
    public static Flow<IngestEnvelope, CommitReport, NotUsed> PartitionedCommits(
        int partitions, long maxBatchEvents, Func<PendingBatch, Task<CommitReport>> commit)
    {
        var perPartition = Flow.Create<IngestEnvelope>()
            .BatchWeighted(maxBatchEvents, envelope => envelope.Events.Length, PendingBatch.Start, (batch, envelope) => batch.Add(envelope))
            .Named("ingest-aggregate-deltas")
            .SelectAsync(1, commit)
            .Named("ingest-commit-batch");

        var partitioned = (SubFlow<CommitReport, NotUsed, Sink<IngestEnvelope, NotUsed>>)Flow.Create<IngestEnvelope>()
            .GroupBy(partitions, envelope => envelope.Partition)
            .Via(perPartition);

        return ((Flow<IngestEnvelope, CommitReport, NotUsed>)partitioned.MergeSubstreams())
            .Named("ingest-partitions")
            // A failing commit is a bug (the committer retries every store failure itself): stop, never skip a batch.
            .WithAttributes(ActorAttributes.CreateSupervisionStrategy(Deciders.StoppingDecider));
    }

    /// <param name="taken">Told of every envelope leaving the channel, so its room can be given back.</param>
    public static IRunnableGraph<Task> Create(
        ChannelReader<IngestEnvelope> admissions, Action<IngestEnvelope> taken, int partitions, long maxBatchEvents,
        Func<PendingBatch, Task<CommitReport>> commit, Action<CommitReport> observe) =>
        ChannelSource.FromReader(admissions)
            .Named("ingest-admissions")
            .Select(envelope =>
            {
                taken(envelope);
                return envelope;
            })
            .Via(PartitionedCommits(partitions, maxBatchEvents, commit))
            .ToMaterialized(Sink.ForEach(observe).Named("ingest-reports"), Keep.Right);
}
