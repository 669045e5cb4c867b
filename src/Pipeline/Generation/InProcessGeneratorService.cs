using System.Diagnostics;
using Akka.Actor;
using Akka.Ingest.Domain;
using Akka.Ingest.Workload.Distributions;
using Akka.Ingest.Pipeline.Ingestion;
using Akka.Streams;
using Akka.Streams.Dsl;
using Microsoft.Extensions.Options;

namespace Akka.Ingest.Pipeline.Generation;

/// <summary>
/// Feeds the pipeline from the generator inside the host (<c>--generate N</c>), skipping HTTP:
/// <c>generator source → Take(N) → GroupedWithin(batch × partitions, window) → split by partition → OfferAsync</c>.
/// The offer waits while the partition's admission queue is full, so the generator runs at the pipeline's pace.
/// Logs progress every few seconds and one final line once every generated event is committed (the last commit of
/// each partition); the host keeps serving.
/// </summary>
public sealed class InProcessGeneratorService(
    IngestAdmission admission,
    IngestCounters counters,
    ActorSystem system,
    IOptions<GeneratorOptions> options,
    ILogger<InProcessGeneratorService> logger) : BackgroundService
{
    private readonly TaskCompletionSource<GenerationSummary?> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _offered;

    /// <summary>
    /// Completes once every generated event is committed (with null when generation is off); cancelled when the
    /// host stops first, faulted when the run failed.
    /// </summary>
    public Task<GenerationSummary?> Completion => _completion.Task;

    /// <summary>Events handed to the pipeline so far.</summary>
    public long Offered => Interlocked.Read(ref _offered);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (settings.Events == 0)
        {
            _completion.TrySetResult(null);
            return;
        }

        // Let the host finish starting (and Kestrel start listening) before the generator takes the CPU.
        await Task.Yield();
        try
        {
            _completion.TrySetResult(await GenerateAsync(settings, stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            logger.LogInformation("In-process generator stopped with the host after offering {Offered} events", Offered);
            _completion.TrySetCanceled(stoppingToken);
        }
        catch (Exception ex)
        {
            // A failed generator is not a reason to stop serving the API: log it and carry on.
            logger.LogError(ex, "In-process generator failed after offering {Offered} events", Offered);
            _completion.TrySetException(ex);
        }
    }

    private async Task<GenerationSummary> GenerateAsync(GeneratorOptions settings, CancellationToken stoppingToken)
    {
        var spec = DistributionSpec.Parse(settings.Distribution);
        var seed = settings.Seed ?? Random.Shared.NextInt64(1, 1_000_000);
        var partitioner = admission.Partitioner;
        var committedBefore = counters.Committed;
        var lastCommits = new Task<IngestOutcome>?[partitioner.Partitions];
        logger.LogInformation("Generating {Events} events in-process: distribution {Distribution}, seed {Seed}, {Partitions} partitions",
            settings.Events, spec, seed, partitioner.Partitions);

        var started = Stopwatch.GetTimestamp();
        using var stopProgress = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var progress = LogProgressAsync(settings.Events, settings.ProgressInterval, committedBefore, started, stopProgress.Token);
        try
        {
            // Settings of its own make this a materializer of its own: on Akka.Streams 1.5.73 a plain
            // system.Materializer() is the system's shared one, and disposing it would stop the ingest stream too.
            using var materializer = system.Materializer(ActorMaterializerSettings.Create(system), namePrefix: "generator");
            // One chunk holds about BatchSize events per partition and is split by partition in plain code: a
            // GroupBy with a GroupedWithin per substream costs several stage hops per event, and at a million
            // events a second those hops (and their boxing) were most of the host's CPU.
            await GeneratorSources.Events(spec, seed)
                .Take(settings.Events)
                .Via(stoppingToken.AsFlow<DomainEvent>(cancelGracefully: true))
                .GroupedWithin(settings.BatchSize * partitioner.Partitions, settings.BatchWindow)
                .SelectAsync(1, chunk => OfferChunkAsync(chunk, lastCommits, stoppingToken))
                .Named("generator-offers")
                .RunWith(Sink.Ignore<int>(), materializer);
            stoppingToken.ThrowIfCancellationRequested();

            // Offered is not committed: the final line waits for the last commit of every partition.
            await Task.WhenAll(lastCommits.OfType<Task<IngestOutcome>>()).WaitAsync(stoppingToken);
        }
        finally
        {
            await stopProgress.CancelAsync();
            await progress;
        }

        var summary = new GenerationSummary(spec.ToString(), seed, settings.Events, Stopwatch.GetElapsedTime(started));
        logger.LogInformation(
            "Generated {Events} events ({Distribution}, seed {Seed}) in {ElapsedSeconds:0.000} s: {EventsPerSecond:0} events/s, all committed",
            summary.Events, summary.Distribution, summary.Seed, summary.Elapsed.TotalSeconds, summary.EventsPerSecond);
        return summary;
    }

    private async Task<int> OfferChunkAsync(IEnumerable<DomainEvent> chunk, Task<IngestOutcome>?[] lastCommits, CancellationToken cancellationToken)
    {
        var offered = 0;
        foreach (var (partition, events) in admission.Partitioner.Split(chunk as IReadOnlyList<DomainEvent> ?? chunk.ToArray()))
        {
            lastCommits[partition] = await admission.OfferAsync(partition, events, cancellationToken);
            Interlocked.Add(ref _offered, events.Length);
            offered += events.Length;
        }
        return offered;
    }

    private async Task LogProgressAsync(long events, TimeSpan interval, long committedBefore, long started, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(interval);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                var committed = counters.Committed - committedBefore;
                var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
                logger.LogInformation("Generator: {Offered} of {Events} events offered, {Committed} committed, {EventsPerSecond:0} events/s",
                    Offered, events, committed, committed / seconds);
            }
        }
        catch (OperationCanceledException)
        {
            // The run ended (or the host stops): no more progress lines.
        }
    }
}
