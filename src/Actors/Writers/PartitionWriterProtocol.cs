using Akka.Ingest.Domain;

namespace Akka.Ingest.Writers;

/// <summary>
/// What the write path is asked and what it answers: exactly one <see cref="WriteReply"/> per
/// <see cref="WriteBatch"/>, whether a node's commit lane or a partition's owner in the cluster answers it.
/// </summary>
public static class PartitionWriterProtocol
{
    /// <summary>Routes a message by its partition (to the partition's commit lane on a node; in a cluster, to the partition's owner).</summary>
    public interface IWithPartition
    {
        int Partition { get; }
    }

    /// <summary>
    /// Apply this contribution exactly once and answer with a <see cref="WriteReply"/>. <see cref="TraceParent"/>: the
    /// sender's commit span (W3C), when traced.
    /// </summary>
    public sealed record WriteBatch(int Partition, CounterBatch Batch, string? TraceParent = null) : IWithPartition;

    /// <summary>The answer to one <see cref="WriteBatch"/>.</summary>
    public abstract record WriteReply;

    /// <summary>Committed (now, or already by an earlier attempt: <see cref="BatchOutcome.AlreadyApplied"/>): the batch may be acknowledged.</summary>
    public sealed record BatchWritten(BatchId Id, BatchOutcome Outcome, TimeSpan Elapsed) : WriteReply;

    /// <summary>
    /// Not committed by this attempt. <see cref="Ambiguous"/>: the batch may have been committed, so only the identical
    /// batch may be sent again; otherwise nothing of it was applied. Send again no sooner than <see cref="RetryAfter"/>
    /// (the lane's backoff; zero when the lane can take it at once).
    /// </summary>
    public sealed record BatchFailed(BatchId Id, bool Ambiguous, TimeSpan RetryAfter) : WriteReply;
}
