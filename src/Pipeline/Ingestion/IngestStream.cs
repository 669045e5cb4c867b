using Akka.Actor;
using Akka.Event;
using Akka.Ingest.Pipeline.Config;
using Akka.Streams;

namespace Akka.Ingest.Pipeline.Ingestion;

/// <summary>
/// The running ingest graph: owns its materializer and one <see cref="PartitionCommitter"/> per partition, runs
/// <see cref="IngestGraph"/> over the admission queues, tells observers of every decided batch, and drains on
/// shutdown. A graph that fails (a bug: the committers handle every store failure) is never left half-dead: the
/// failed batch's requests are answered (the committer abandons it), batches still in flight elsewhere are let finish,
/// those the graph had folded but not yet sent are answered as not counted (<see cref="UnsentBatches"/>), and the
/// graph is started again over the same queues; while it is down, <see cref="IsRunning"/> (and so
/// <c>/health/ready</c>) says so.
/// </summary>
public sealed class IngestStream(IngestAdmission admission, IngestCounters counters, NodeIdentity node, IngestOptions options)
{
    private static readonly TimeSpan RestartDelay = TimeSpan.FromSeconds(1);

    private readonly CancellationTokenSource _abort = new();
    private readonly Lock _drainLock = new();
    private Task? _completion;
    private Task? _drain;
    private volatile bool _running;
    private long _restarts;

    public bool IsRunning => _running;

    /// <summary>How often the graph failed and was started again.</summary>
    public long Restarts => Interlocked.Read(ref _restarts);

    /// <summary>Raised once for every batch decided (committed or given up), on the stream's thread: keep handlers cheap.</summary>
    public event Action<CommitReport>? BatchDecided;

    /// <summary>Starts the graph, sending every partition's batches to <paramref name="writers"/> (which routes them by partition).</summary>
    public void Start(ActorSystem system, IActorRef writers)
    {
        var log = Logging.GetLogger(system, typeof(IngestStream));
        var committers = CreateCommitters(node, writers, options, counters, log, _abort.Token);
        _running = true;
        _completion = RunAsync(system, committers, log);
    }

    /// <summary>One committer per partition, as the host wires them (specs build theirs with this too).</summary>
    public static PartitionCommitter[] CreateCommitters(
        NodeIdentity node, IActorRef writers, IngestOptions options, IngestCounters counters, ILoggingAdapter log, CancellationToken abort)
    {
        return Enumerable.Range(0, options.Partitions)
            .Select(p => new PartitionCommitter(p, node.OriginOf(p), writers, options.WriteTimeout, counters.Partitions[p], log, abort))
            .ToArray();
    }

    private async Task RunAsync(ActorSystem system, PartitionCommitter[] committers, ILoggingAdapter log)
    {
        // The stream's stages live as long as this materializer: it is this class's, and stops with it. Settings of
        // its own make it a materializer of its own: a plain system.Materializer() can be the system's shared one.
        using var materializer = system.Materializer(ActorMaterializerSettings.Create(system), namePrefix: "ingest");
        var readers = admission.Queues.Select(q => q.Reader).ToArray();
        var unsent = new UnsentBatches();
        while (true)
        {
            _running = true;
            try
            {
                await IngestGraph
                    .Create(readers, options.MaxBatchEvents, batch => committers[batch.Partition].CommitAsync(unsent.Sent(batch)), Observe, unsent.Start)
                    .Run(materializer);
                return;
            }
            catch (Exception ex) when (!_abort.IsCancellationRequested)
            {
                _running = false;
                // Under an actor system that is shutting down (its materializer goes with it) a restart would fail
                // again every second until the drain's deadline: what the graph held is given up once, as below.
                var shuttingDown = CoordinatedShutdown.Get(system).ShutdownReason is not null;
                if (shuttingDown)
                {
                    log.Warning("The ingest stream stopped while the actor system shuts down ({Reason}); it is not restarted", ex.GetBaseException().Message);
                }
                else
                {
                    Interlocked.Increment(ref _restarts);
                    log.Error(ex, "The ingest stream failed; it restarts in {RestartDelay}, once every partition's batch in flight is decided", RestartDelay);
                }
                // A partition's next batch must not overlap the one still being written: one in flight per partition.
                await Task.WhenAll(committers.Select(c => c.WhenIdle));
                // Batches the failed graph had folded but not handed to a committer died with it: no write ever held
                // them, so their requests are told at once that nothing was counted, rather than at their timeout.
                if (unsent.GiveUpAll() is var abandoned and > 0)
                    log.Warning("{Abandoned} requests the failed ingest stream had taken but not yet sent were answered as not counted", abandoned);
                if (shuttingDown)
                    return;
                await Task.Delay(RestartDelay);
            }
            finally
            {
                _running = false;
            }
        }
    }

    private void Observe(CommitReport report) => BatchDecided?.Invoke(report);

    /// <summary>
    /// Stops admitting, lets every admitted event reach the store, and returns when the stream has completed;
    /// after <paramref name="timeout"/>, undecided batches are abandoned (their senders are told so).
    /// </summary>
    public Task DrainAsync(TimeSpan timeout)
    {
        lock (_drainLock)
            return _drain ??= DrainOnceAsync(timeout);
    }

    private async Task DrainOnceAsync(TimeSpan timeout)
    {
        admission.Close();
        if (_completion is null)
            return;
        _abort.CancelAfter(timeout);
        await _completion.WaitAsync(timeout + TimeSpan.FromSeconds(5));
    }
}
