using Akka.Ingest.Domain;
using System.Diagnostics;
using Akka.Actor;
using Akka.Event;
using Akka.Ingest.Stores;
using Akka.Pattern;
using static Akka.Ingest.Writers.PartitionWriterProtocol;

namespace Akka.Ingest.Pipeline.Ingestion;

/// <summary>
/// The stream's side of one partition: gives each batch its sequence number, asks the partition's
/// writer (through its backoff supervisor) to apply it, and retries until the batch is decided, so a batch
/// is never dropped. After a failure that certainly did not commit, timed-out envelopes are withdrawn before
/// the retry; after an ambiguous one the batch is frozen and only the identical batch is sent again.
/// </summary>
public sealed class PartitionCommitter
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(20);

    private readonly IActorRef _supervisor;
    private readonly TimeSpan _writeTimeout;
    private readonly ILoggingAdapter _log;
    private readonly PartitionStats _stats;
    private readonly CancellationToken _abort;
    private long _sequence;

    public PartitionCommitter(
        int partition, string writerId, IActorRef supervisor, TimeSpan writeTimeout,
        PartitionStats stats, ILoggingAdapter log, CancellationToken abort)
    {
        Partition = partition;
        WriterId = writerId;
        _supervisor = supervisor;
        _writeTimeout = writeTimeout;
        _stats = stats;
        _log = log;
        _abort = abort;
    }

    public int Partition { get; }

    public string WriterId { get; }

    public async Task<CommitReport> CommitAsync(PendingBatch batch)
    {
        var id = new BatchId(WriterId, ++_sequence);
        var started = Stopwatch.GetTimestamp();
        var attempts = 0;
        _stats.BatchStarted(batch);
        try
        {
            while (batch.Claim())
            {
                var counterBatch = batch.ToCounterBatch(id);
                var (written, attemptsMade) = await WriteUntilDecidedAsync(counterBatch);
                attempts += attemptsMade;
                if (written is not null)
                {
                    batch.MarkCommitted();
                    _stats.BatchCommitted(counterBatch, written.Elapsed);
                    return new CommitReport(Partition, batch.Events, counterBatch.Deltas.Count, attempts, Stopwatch.GetElapsedTime(started), written.Outcome);
                }

                batch.ReleaseAfterFailure();
            }

            return new CommitReport(Partition, 0, 0, attempts, Stopwatch.GetElapsedTime(started), null);
        }
        catch (OperationCanceledException) when (_abort.IsCancellationRequested)
        {
            _log.Warning("Partition {Partition}: batch {BatchId} abandoned at shutdown before it was decided", Partition, id);
            batch.Abandon();
            return new CommitReport(Partition, 0, 0, attempts, Stopwatch.GetElapsedTime(started), null);
        }
        finally
        {
            _stats.BatchFinished();
        }
    }

    /// <summary>
    /// Sends the batch until it is written (returns it) or fails in a way that certainly did not commit
    /// (returns null). Once an attempt was ambiguous, every later failure is treated as ambiguous too.
    /// </summary>
    private async Task<(BatchWritten? Written, int Attempts)> WriteUntilDecidedAsync(CounterBatch batch)
    {
        var attempts = 0;
        var frozen = false;
        while (true)
        {
            _abort.ThrowIfCancellationRequested();
            attempts++;
            object reply;
            try
            {
                reply = await _supervisor.Ask<object>(new WriteBatch(batch), _writeTimeout, _abort);
            }
            catch (AskTimeoutException)
            {
                _log.Warning("Partition {Partition}: no answer for batch {BatchId} within {Timeout}; sending it again", Partition, batch.Id, _writeTimeout);
                frozen = true;
                continue;
            }

            switch (reply)
            {
                case BatchWritten written:
                    return (written, attempts);
                case BatchFailed failed:
                    _stats.WriteFailed();
                    frozen |= failed.Ambiguous;
                    await WaitForNewWriterAsync(failed.Writer);
                    if (!frozen)
                        return (null, attempts);
                    break;
                case WriterUnavailable:
                    await Task.Delay(PollInterval, _abort);
                    if (!frozen)
                        return (null, attempts);
                    break;
                default:
                    throw new InvalidOperationException($"Unexpected reply {reply.GetType().Name} from the writer of partition {Partition}.");
            }
        }
    }

    /// <summary>
    /// Waits until the supervisor has started a new incarnation of the writer, so the retry is not sent to the
    /// failed one (whose mailbox is discarded on restart).
    /// </summary>
    private async Task WaitForNewWriterAsync(IActorRef failed)
    {
        while (true)
        {
            var current = await _supervisor.Ask<BackoffSupervisor.CurrentChild>(BackoffSupervisor.GetCurrentChild.Instance, _writeTimeout, _abort);
            if (current.Ref is { } child && !child.IsNobody() && !child.Equals(failed))
                return;
            await Task.Delay(PollInterval, _abort);
        }
    }
}
