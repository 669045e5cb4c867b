using System.Diagnostics;
using Akka.Actor;
using Akka.Event;
using Akka.Ingest.Stores;
using static Akka.Ingest.Writers.PartitionWriterProtocol;

namespace Akka.Ingest.Writers;

/// <summary>
/// Owns the writes of one partition: applies one batch at a time to the <see cref="ICounterStore"/> and answers
/// the asker. A store failure is answered with <see cref="BatchFailed"/> and then rethrown, so the backoff
/// supervisor above restarts this actor after a delay; the batch itself is kept, and resent, by the asker.
/// </summary>
public sealed class PartitionWriterActor : ReceiveActor
{
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly ICounterStore _store;
    private readonly int _partition;

    public PartitionWriterActor(ICounterStore store, int partition)
    {
        _store = store;
        _partition = partition;
        ReceiveAsync<WriteBatch>(HandleWriteBatch);
    }

    public static Props Props(ICounterStore store, int partition) =>
        Akka.Actor.Props.Create(() => new PartitionWriterActor(store, partition));

    private async Task HandleWriteBatch(WriteBatch command)
    {
        var replyTo = Sender;
        var started = Stopwatch.GetTimestamp();
        try
        {
            var outcome = await _store.ApplyAsync(command.Batch, CancellationToken.None);
            var elapsed = Stopwatch.GetElapsedTime(started);
            if (outcome.AlreadyApplied)
                _log.Info("Partition {Partition}: batch {BatchId} was already committed; not applied again", _partition, command.Batch.Id);
            replyTo.Tell(new BatchWritten(command.Batch.Id, outcome, elapsed));
        }
        catch (Exception ex)
        {
            var ambiguous = ex is AmbiguousCommitException;
            // One line per failure: during an outage this repeats with every backoff, so no stack trace here.
            _log.Warning("Partition {Partition}: batch {BatchId} failed (ambiguous: {Ambiguous}); restarting the writer: {Reason}",
                _partition, command.Batch.Id, ambiguous, ex.GetBaseException().Message);
            replyTo.Tell(new BatchFailed(command.Batch.Id, ambiguous, ex.Message, Self));
            // The supervisor logs what it restarts for; the warning above already has the detail, so it
            // gets a one-line reason rather than the store's whole stack trace at every retry.
            throw new WriterFailedException(_partition, ex.GetBaseException().Message);
        }
    }
}
