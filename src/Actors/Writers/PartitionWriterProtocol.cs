using Akka.Ingest.Domain;
using Akka.Actor;
using Akka.Event;
using Akka.Ingest.Stores;

namespace Akka.Ingest.Writers;

/// <summary>What a partition writer is asked to do and what it answers.</summary>
public static class PartitionWriterProtocol
{
    /// <summary>Apply this batch and answer <see cref="BatchWritten"/> or <see cref="BatchFailed"/>.</summary>
    public sealed record WriteBatch(CounterBatch Batch) : INoSerializationVerificationNeeded;

    public sealed record BatchWritten(BatchId Id, BatchOutcome Outcome, TimeSpan Elapsed) : INoSerializationVerificationNeeded;

    /// <summary>
    /// The store failed and the writer is restarting. <see cref="Ambiguous"/>: the batch may have been committed,
    /// so only the identical batch may be sent again. <see cref="Writer"/> is the incarnation that failed.
    /// </summary>
    public sealed record BatchFailed(BatchId Id, bool Ambiguous, string Reason, IActorRef Writer) : INoSerializationVerificationNeeded;

    /// <summary>The supervisor's answer while its writer is stopped and waiting out its backoff.</summary>
    public sealed class WriterUnavailable : INoSerializationVerificationNeeded, IDeadLetterSuppression
    {
        public static WriterUnavailable Instance { get; } = new();

        private WriterUnavailable()
        {
        }
    }
}
