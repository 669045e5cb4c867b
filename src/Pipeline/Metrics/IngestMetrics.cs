using System.Globalization;
using Akka.Ingest.Pipeline.Ingestion;
using Akka.Ingest.Pipeline.StatusFeed;
using Prometheus;

namespace Akka.Ingest.Pipeline.Metrics;

/// <summary>
/// The Prometheus series of one host, in a registry of its own (so hosts sharing a process, as in tests, keep
/// separate counts). Nothing here touches the per-event path: totals and gauges are copied from the pipeline's
/// counters when scraped, and the histograms observe once per batch. Every name carries its unit; a value that
/// does not exist on this node (no relay, no commit yet) leaves its series out rather than publishing a sentinel.
/// The framework's own System.Diagnostics.Metrics meters (Kestrel, ASP.NET Core hosting, Npgsql) join the same
/// registry through <see cref="FrameworkMeters"/>.
/// </summary>
public sealed class IngestMetrics : IDisposable
{
    private readonly IngestCounters _counters;
    private readonly IngestAdmission _admission;
    private readonly IngestStream _stream;
    private readonly StatusRelayMonitor _relay;
    private readonly Gauge _relayLag;
    private readonly Gauge _relayRunning;
    private readonly Counter _accepted;
    private readonly Counter _committed;
    private readonly Counter _rejected;
    private readonly Counter _writerRestarts;
    private readonly Gauge _queueDepth;
    private readonly Gauge _buffered;
    private readonly Gauge _running;
    private readonly Histogram _batchEvents;
    private readonly Histogram _batchDomains;
    private readonly Histogram _flushSeconds;
    private readonly Gauge _lastCommit;
    private readonly IDisposable _frameworkMeters;

    public IngestMetrics(IngestCounters counters, IngestAdmission admission, IngestStream stream, StatusRelayMonitor relay)
    {
        _counters = counters;
        _admission = admission;
        _stream = stream;
        _relay = relay;
        Registry = Prometheus.Metrics.NewCustomRegistry();
        DotNetStats.Register(Registry);
        var factory = Prometheus.Metrics.WithCustomRegistry(Registry);

        _accepted = factory.CreateCounter(Names.EventsAccepted, "Events admitted into the pipeline.");
        _committed = factory.CreateCounter(Names.EventsCommitted, "Events durably committed to the store.");
        _rejected = factory.CreateCounter(Names.EventsRejected, "Events refused and not counted, by reason: queue_full, timed_out, invalid.", "reason");
        _writerRestarts = factory.CreateCounter(Names.WriterRestarts, "Partition writer restarts after a failed write.", "partition");
        _queueDepth = factory.CreateGauge(Names.QueueDepth, "Events admitted and waiting in the admission queue.");
        _lastCommit = factory.CreateGauge(Names.LastCommitTimestamp, "Unix time of the last committed batch (absent until the first).",
            new GaugeConfiguration { SuppressInitialValue = true });
        BuildInfo.Register(factory);
        _buffered = factory.CreateGauge(Names.PartitionBuffered, "Events of a partition waiting for its writer (queued or folding into the next batch).", "partition");
        _running = factory.CreateGauge(Names.PipelineRunning, "1 while the ingest stream runs.");
        _batchEvents = factory.CreateHistogram(Names.BatchEvents, "Events per committed batch.",
            new HistogramConfiguration { Buckets = Histogram.ExponentialBuckets(1, 4, 10) });
        _batchDomains = factory.CreateHistogram(Names.BatchDomains, "Distinct domains (rows upserted) per committed batch.",
            new HistogramConfiguration { Buckets = Histogram.ExponentialBuckets(1, 4, 10) });
        _flushSeconds = factory.CreateHistogram(Names.FlushSeconds, "Time from a batch being taken to its commit, retries included.",
            new HistogramConfiguration { Buckets = Histogram.ExponentialBuckets(0.0005, 2, 16) });

        _relayLag = factory.CreateGauge(Names.StatusRelayLag, "Status transitions committed with the counts but not yet in the journal (absent where the relay does not run or answer).",
            new GaugeConfiguration { SuppressInitialValue = true });
        _relayRunning = factory.CreateGauge(Names.StatusRelayRunning,
            "1 while this host runs the status relay (it holds the relay lease), 0 while another host does (absent in a cluster or with RunRelay=false).",
            new GaugeConfiguration { SuppressInitialValue = true });
        _frameworkMeters = FrameworkMeters.StartListening(Registry);

        Registry.AddBeforeCollectCallback(CopyCounters);
        Registry.AddBeforeCollectCallback(CopyRelayLagAsync);
        Registry.AddBeforeCollectCallback(CopyRelayRunningAsync);
        stream.BatchDecided += Observe;
    }

    public CollectorRegistry Registry { get; }

    private void Observe(CommitReport report)
    {
        if (!report.Committed)
            return;
        _batchEvents.Observe(report.Events);
        _batchDomains.Observe(report.Domains);
        _flushSeconds.Observe(report.FlushTime.TotalSeconds);
        _lastCommit.SetToCurrentTimeUtc();
    }

    private void CopyCounters()
    {
        _accepted.IncTo(_counters.Accepted);
        _committed.IncTo(_counters.Committed);
        _rejected.WithLabels("queue_full").IncTo(_counters.Rejected);
        _rejected.WithLabels("timed_out").IncTo(_counters.TimedOut);
        _rejected.WithLabels("invalid").IncTo(_counters.Invalid);
        _queueDepth.Set(_admission.Queued);
        _running.Set(_stream.IsRunning ? 1 : 0);
        foreach (var partition in _counters.Partitions)
        {
            var label = partition.Partition.ToString(CultureInfo.InvariantCulture);
            _writerRestarts.WithLabels(label).IncTo(partition.WriterRestarts);
            _buffered.WithLabels(label).Set(partition.BufferedEvents);
        }
    }

    private async Task CopyRelayLagAsync(CancellationToken cancellationToken)
    {
        if ((await _relay.ReadCachedAsync(cancellationToken))?.Pending is { } pending)
            _relayLag.Set(pending);
        else
            _relayLag.Unpublish();
    }

    private async Task CopyRelayRunningAsync(CancellationToken cancellationToken)
    {
        if (await _relay.RunsRelayUnderLeaseAsync(cancellationToken) is { } running)
            _relayRunning.Set(running ? 1 : 0);
        else
            _relayRunning.Unpublish();
    }

    public void Dispose() => _frameworkMeters.Dispose();

    /// <summary>The series names, as documented for operators.</summary>
    public static class Names
    {
        public const string EventsAccepted = "ingest_events_accepted_total";
        public const string EventsCommitted = "ingest_events_committed_total";
        public const string EventsRejected = "ingest_events_rejected_total";
        public const string WriterRestarts = "ingest_writer_restarts_total";
        public const string QueueDepth = "ingest_queue_depth_events";
        public const string LastCommitTimestamp = "ingest_last_commit_timestamp_seconds";
        public const string BuildInfo = "ingest_build_info";
        public const string PartitionBuffered = "ingest_partition_buffered_events";
        public const string PipelineRunning = "ingest_pipeline_running";
        public const string BatchEvents = "ingest_batch_events";
        public const string BatchDomains = "ingest_batch_domains";
        public const string FlushSeconds = "ingest_flush_seconds";
        public const string StatusRelayLag = "ingest_status_relay_lag_transitions";
        public const string StatusRelayRunning = "ingest_status_relay_running";
        public const string HttpRequestDuration = "http_request_duration_seconds";
    }
}
