using Akka.Actor;
using Akka.Event;
using Akka.Ingest.Domain;

namespace Akka.Ingest.Writers;

/// <summary>
/// What a partition's writer is asked and what it answers: exactly one <see cref="WriteReply"/> per
/// <see cref="WriteBatch"/>.
/// </summary>
public static class PartitionWriterProtocol
{
    /// <summary>Routes a message to the writer of its partition (locally through <c>/user/writers</c>; in a cluster, the shard region).</summary>
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
    /// The store failed and the writer restarts. <see cref="Ambiguous"/>: the batch may have been committed, so only
    /// the identical batch may be sent again; otherwise nothing of it was applied. <see cref="Writer"/> is the
    /// incarnation that failed: ask <see cref="WhenWriterReplaced"/> before sending again, so the batch reaches its
    /// successor rather than the one that is stopping.
    /// </summary>
    public sealed record BatchFailed(BatchId Id, bool Ambiguous, IActorRef? Writer) : WriteReply;

    /// <summary>Answered with <see cref="WriterReady"/> once the partition runs a writer other than <see cref="Failed"/>.</summary>
    public sealed record WhenWriterReplaced(int Partition, IActorRef? Failed) : IWithPartition;

    public sealed record WriterReady(int Partition);

    /// <summary>A new writer incarnation tells the partition writers it runs (what <see cref="WhenWriterReplaced"/> waits for).</summary>
    public sealed record WriterStarted(int Partition, IActorRef Writer);

    /// <summary>The supervisor's answer while its writer is stopped and waiting out its backoff: nothing was applied.</summary>
    public sealed record WriterUnavailable : WriteReply, IDeadLetterSuppression
    {
        public static WriterUnavailable Instance { get; } = new();

        private WriterUnavailable()
        {
        }
    }
}
