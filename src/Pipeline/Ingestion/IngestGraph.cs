using System.Threading.Channels;
using Akka.Streams;
using Akka.Streams.Dsl;
using Akka.Streams.Supervision;

namespace Akka.Ingest.Pipeline.Ingestion;

/// <summary>
/// The ingest stream: one substream per partition (a fixed number, never one per domain), merged,
/// <c>PartitionQueue → BatchWeighted (fold into per-domain deltas while the writer is busy) → SelectAsync(1, commit)</c>.
/// Each partition commits one batch of the node's own origin at a time, so its batch grows while the previous one is
/// being written, and a full batch backpressures that partition's queue alone. A client's request part (an envelope
/// with a <see cref="IngestEnvelope.LedgerOrigin"/>) is a batch of its own origin and sequence, so it is never folded
/// and never waits for the node's sequence: up to <see cref="LedgerWritesInFlight"/> of them per partition are written
/// at once, beside the node's batch, and the commit lane folds them into its transactions.
/// </summary>
public static class IngestGraph
{
    /// <summary>
    /// Client request parts (producers', keyed bulks') one partition writes at once: as many as a lane transaction
    /// carries, so producers on many connections cost transactions as plain requests do, not one each.
    /// </summary>
    public const int LedgerWritesInFlight = Akka.Ingest.Writers.CommitLaneSettings.MaxContributionsPerCommit;

    /// <summary>One partition's batching and commits.</summary>
    /// <param name="startBatch">Makes a partition's next batch from its first envelope (<see cref="PendingBatch.Start"/> unless given).</param>
    public static Flow<IngestEnvelope, CommitReport, NotUsed> PartitionCommits(
        long maxBatchEvents, Func<PendingBatch, Task<CommitReport>> commit, Func<IngestEnvelope, PendingBatch>? startBatch = null)
    {
        var start = startBatch ?? PendingBatch.Start;
        return Flow.FromGraph(GraphDsl.Create(builder =>
        {
            var byOrigin = builder.Add(new Partition<IngestEnvelope>(2, envelope => envelope.LedgerOrigin is null ? 0 : 1));
            var reports = builder.Add(new Merge<CommitReport>(2));
            var nodeBatches = builder.Add(Flow.Create<IngestEnvelope>()
                .BatchWeighted(maxBatchEvents, envelope => envelope.Events.Length, start, (batch, envelope) => batch.Add(envelope))
                .Named("ingest-aggregate-deltas")
                .SelectAsync(1, commit)
                .Named("ingest-commit-batch"));
            var clientParts = builder.Add(Flow.Create<IngestEnvelope>()
                .Select(start)
                .SelectAsyncUnordered(LedgerWritesInFlight, commit)
                .Named("ingest-commit-client-part"));
            builder.From(byOrigin.Out(0)).Via(nodeBatches).To(reports.In(0));
            builder.From(byOrigin.Out(1)).Via(clientParts).To(reports.In(1));
            return new FlowShape<IngestEnvelope, CommitReport>(byOrigin.In, reports.Out);
        }))
            // Pulls the next batch as soon as one is committed, whether or not the reports are read yet.
            .Buffer(1, OverflowStrategy.Backpressure);
    }

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
