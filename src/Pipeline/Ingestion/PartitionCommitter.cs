using System.Collections.Concurrent;
using System.Diagnostics;
using Akka.Actor;
using Akka.Event;
using Akka.Ingest.Domain;
using Akka.Ingest.Pipeline.Tracing;
using static Akka.Ingest.Writers.PartitionWriterProtocol;

namespace Akka.Ingest.Pipeline.Ingestion;

/// <summary>
/// The stream's side of one partition: gives each batch its sequence number in this node's origin, sends it to the
/// partition's commit lane (through <c>/user/writers</c>, which routes by partition; or the owner routers) and waits
/// for its one typed reply, sending it again until it is decided, so a batch is never dropped. After a failure that
/// certainly did not commit, timed-out envelopes are withdrawn before the retry; after an ambiguous one the batch is
/// frozen and only the identical batch is sent again. Resends wait what the lane's reply says.
/// </summary>
public sealed class PartitionCommitter
{
    private readonly IActorRef _writers;
    private readonly TimeSpan _writeTimeout;
    private readonly ILoggingAdapter _log;
    private readonly PartitionStats _stats;
    private readonly CancellationToken _abort;
    private long _sequence;
    private Task _current = Task.CompletedTask;

    // Client request parts are written several at a time (IngestGraph.LedgerWritesInFlight): each is tracked until decided.
    private readonly ConcurrentDictionary<Task, byte> _clientParts = new(ReferenceEqualityComparer.Instance);

    public PartitionCommitter(
        int partition, string origin, IActorRef writers, TimeSpan writeTimeout,
        PartitionStats stats, ILoggingAdapter log, CancellationToken abort)
    {
        Partition = partition;
        Origin = origin;
        _writers = writers;
        _writeTimeout = writeTimeout;
        _stats = stats;
        _log = log;
        _abort = abort;
    }

    public int Partition { get; }

    /// <summary>This partition's stream in this run of the node: the key of its batches in the store's ledger.</summary>
    public string Origin { get; }

    /// <summary>A span of its own for the commit (one batch serves many requests), linked to the requests it holds.</summary>
    private Activity? StartCommitSpan(PendingBatch batch, BatchId id)
    {
        if (!IngestTracing.Source.HasListeners())
            return null;
        var links = batch.Envelopes.Where(e => e.Trace != default).Take(IngestTracing.MaxLinksPerCommit).Select(e => new ActivityLink(e.Trace));
        var span = IngestTracing.Source.StartActivity("ingest.commit", ActivityKind.Internal, parentContext: default, links: links);
        span?.SetTag("ingest.partition", Partition);
        span?.SetTag("ingest.batch", id.ToString());
        span?.SetTag("ingest.events", batch.Events);
        span?.SetTag("ingest.domains", batch.DistinctDomains);
        return span;
    }

    /// <summary>Completes once the node's batch handed over last, and every client request part in flight, is decided, however that went.</summary>
    public Task WhenIdle => Task.WhenAll(_clientParts.Keys.Append(_current)).ContinueWith(static _ => { }, TaskScheduler.Default);

    /// <summary>
    /// Commits one batch. The node's own batches come one at a time (each takes the origin's next sequence); a client's
    /// request part (<see cref="PendingBatch.LedgerOrigin"/>) may come while others are in flight.
    /// </summary>
    public Task<CommitReport> CommitAsync(PendingBatch batch)
    {
        var commit = CommitOnceAsync(batch);
        if (batch.LedgerOrigin is null)
        {
            _current = commit;
        }
        else if (!commit.IsCompleted && _clientParts.TryAdd(commit, 0))
        {
            _ = commit.ContinueWith(static (done, parts) => ((ConcurrentDictionary<Task, byte>)parts!).TryRemove(done, out _),
                _clientParts, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
        return commit;
    }

    /// <summary>True from the moment a write is sent until a reply says it certainly did not commit (never, once ambiguous).</summary>
    private sealed class Attempt
    {
        public bool MayHaveCommitted;
    }

    private async Task<CommitReport> CommitOnceAsync(PendingBatch batch)
    {
        // A client's request part is written as its own sequence of its own origin, so a resend is recognised.
        var id = batch.LedgerOrigin is { } ledgerOrigin ? new BatchId(ledgerOrigin, batch.LedgerSequence) : new BatchId(Origin, ++_sequence);
        var started = Stopwatch.GetTimestamp();
        var attempts = 0;
        var attempt = new Attempt();
        var clientPart = batch.LedgerOrigin is not null;
        if (clientPart)
            _stats.ClientPartStarted(batch);
        else
            _stats.BatchStarted(batch);
        using var span = StartCommitSpan(batch, id);
        try
        {
            while (batch.Claim())
            {
                var counterBatch = batch.ToCounterBatch(id);
                var (written, attemptsMade, retryAfter) = await WriteUntilDecidedAsync(counterBatch, span?.Id, attempt);
                attempts += attemptsMade;
                if (written is not null)
                {
                    // A client's request part is told what the ledger found; the node's own batches are simply committed
                    // (skipped only after an ambiguous attempt of their own, and sent in order).
                    batch.MarkDecided(batch.LedgerOrigin is null || !written.Outcome.AlreadyApplied ? IngestOutcome.Committed
                        : written.Outcome.OutOfOrder ? IngestOutcome.OutOfOrder
                        : IngestOutcome.Duplicate);
                    _stats.BatchCommitted(counterBatch, written.Elapsed);
                    return new CommitReport(Partition, batch.Events, counterBatch.Deltas.Count, attempts, Stopwatch.GetElapsedTime(started), written.Outcome);
                }

                // Released before the lane's backoff, not after: a request whose deadline passes meanwhile is answered
                // 503 at its deadline instead of a backoff later.
                batch.ReleaseAfterFailure();
                if (retryAfter > TimeSpan.Zero)
                    await Task.Delay(retryAfter, _abort);
            }

            return new CommitReport(Partition, 0, 0, attempts, Stopwatch.GetElapsedTime(started), null);
        }
        catch (OperationCanceledException) when (_abort.IsCancellationRequested)
        {
            _log.Warning("Partition {Partition}: batch {BatchId} given up at shutdown before it was decided ({Outcome})",
                Partition, id, attempt.MayHaveCommitted ? "a write may still commit it" : "no write held it");
            batch.GiveUp(attempt.MayHaveCommitted);
            return new CommitReport(Partition, 0, 0, attempts, Stopwatch.GetElapsedTime(started), null);
        }
        catch (Exception ex)
        {
            // A bug, not a store failure (those are retried above): the waiting requests still get an answer.
            _log.Error(ex, "Partition {Partition}: batch {BatchId} failed unexpectedly; its requests are answered, none as acknowledged", Partition, id);
            batch.GiveUp(attempt.MayHaveCommitted);
            throw;
        }
        finally
        {
            if (!clientPart)
                _stats.BatchFinished();
        }
    }

    /// <summary>
    /// Sends the batch until it is written (returns it) or fails in a way that certainly did not commit
    /// (returns null, with the lane's <see cref="BatchFailed.RetryAfter"/> for the caller to wait out once it has
    /// released the batch). Once an attempt was ambiguous, every later failure is treated as ambiguous too, and the
    /// identical batch is sent again after the lane's backoff: the lane's backoff is the only one.
    /// </summary>
    private async Task<(BatchWritten? Written, int Attempts, TimeSpan RetryAfter)> WriteUntilDecidedAsync(CounterBatch batch, string? traceParent, Attempt attempt)
    {
        var attempts = 0;
        var frozen = false;
        while (true)
        {
            _abort.ThrowIfCancellationRequested();
            WriteReply reply;
            attempt.MayHaveCommitted = true;
            try
            {
                reply = await _writers.Ask<WriteReply>(new WriteBatch(Partition, batch, traceParent), _writeTimeout, _abort);
            }
            catch (AskTimeoutException)
            {
                attempts++;
                _log.Warning("Partition {Partition}: no answer for batch {BatchId} within {Timeout}; sending it again", Partition, batch.Id, _writeTimeout);
                frozen = true;
                continue;
            }

            attempts++;
            switch (reply)
            {
                case BatchWritten written:
                    return (written, attempts, TimeSpan.Zero);
                case BatchFailed failed:
                    _stats.WriteFailed();
                    frozen |= failed.Ambiguous;
                    attempt.MayHaveCommitted = frozen;
                    if (!frozen)
                        return (null, attempts, failed.RetryAfter);
                    if (failed.RetryAfter > TimeSpan.Zero)
                        await Task.Delay(failed.RetryAfter, _abort);
                    break;
            }
        }
    }
}
