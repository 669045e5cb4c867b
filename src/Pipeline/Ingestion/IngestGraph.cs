using System.Threading.Channels;
using Akka.Streams;
using Akka.Streams.Dsl;
using Akka.Streams.Supervision;

namespace Akka.Ingest.Pipeline.Ingestion;

/// <summary>
/// The ingest stream: one substream per partition (a fixed number, never one per domain), merged,
/// <c>PartitionQueue → BatchWeighted (fold into per-domain deltas while the writer is busy) → SelectAsync(1, commit)</c>.
/// Each partition commits one batch at a time, so its batch grows while the previous one is being written, and a full
/// batch backpressures that partition's queue alone.
/// </summary>
public static class IngestGraph
{
    /// <summary>One partition's batching and commits.</summary>
    /// <param name="startBatch">Makes a partition's next batch from its first envelope (<see cref="PendingBatch.Start"/> unless given).</param>
    public static Flow<IngestEnvelope, CommitReport, NotUsed> PartitionCommits(
        long maxBatchEvents, Func<PendingBatch, Task<CommitReport>> commit, Func<IngestEnvelope, PendingBatch>? startBatch = null) =>
        Flow.Create<IngestEnvelope>()
            // An idempotent envelope weighs a whole batch, so it is never folded with another (see IngestEnvelope.LedgerOrigin).
            .BatchWeighted(maxBatchEvents, envelope => envelope.LedgerOrigin is null ? envelope.Events.Length : maxBatchEvents,
                startBatch ?? PendingBatch.Start, (batch, envelope) => batch.Add(envelope))
            .Named("ingest-aggregate-deltas")
            .SelectAsync(1, commit)
            .Named("ingest-commit-batch")
            // Pulls the next batch as soon as one is committed, whether or not the reports are read yet.
            .Buffer(1, OverflowStrategy.Backpressure);

    /// <summary>Every partition's queue through its own <see cref="PartitionCommits"/>, merged into one stream of reports.</summary>
    public static Source<CommitReport, NotUsed> PartitionedCommits(
        IReadOnlyList<ChannelReader<IngestEnvelope>> partitions, long maxBatchEvents, Func<PendingBatch, Task<CommitReport>> commit,
        Func<IngestEnvelope, PendingBatch>? startBatch = null) =>
        Source.From(Enumerable.Range(0, partitions.Count))
            .MergeMany(partitions.Count, partition => ChannelSource.FromReader(partitions[partition])
                .Named($"ingest-partition-{partition}")
                .Via(PartitionCommits(maxBatchEvents, commit, startBatch)))
            .Named("ingest-partitions")
            // A failing commit is a bug (the committer retries every store failure itself): stop, never skip a batch.
            .WithAttributes(ActorAttributes.CreateSupervisionStrategy(Deciders.StoppingDecider));

    public static IRunnableGraph<Task> Create(
        IReadOnlyList<ChannelReader<IngestEnvelope>> partitions, long maxBatchEvents,
        Func<PendingBatch, Task<CommitReport>> commit, Action<CommitReport> observe, Func<IngestEnvelope, PendingBatch>? startBatch = null) =>
        PartitionedCommits(partitions, maxBatchEvents, commit, startBatch)
            .ToMaterialized(Sink.ForEach(observe).Named("ingest-reports"), Keep.Right);
}
