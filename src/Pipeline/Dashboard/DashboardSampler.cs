using System.Threading.Channels;
using Akka.Ingest.Pipeline.Management;
using Akka.Ingest.Pipeline.StatusFeed;
using Akka.Ingest.StatusFeed;
using Akka.Ingest.Stores;
using Microsoft.Extensions.Options;

namespace Akka.Ingest.Pipeline.Dashboard;

/// <summary>
/// Samples the pipeline once per <see cref="DashboardOptions.SampleInterval"/> through
/// <see cref="PipelineInspector"/> (counters, partitions, relay lag) and <see cref="RelayJournalReplay"/> (the
/// transitions journaled since the last sample), keeps the last <see cref="DashboardOptions.History"/> of
/// samples in a ring, and hands each new sample to every open dashboard. It samples whether or not a page is
/// open, so a page opened now shows the last minutes. A slow page loses samples, never the host's memory:
/// each subscriber has a small queue that drops its oldest sample when full.
/// </summary>
public sealed class DashboardSampler : BackgroundService
{
    private const int SubscriberQueue = 16;

    private readonly PipelineInspector _inspector;
    private readonly RelayJournalReplay _journal;
    private readonly IClusterPicture _cluster;
    private readonly DashboardOptions _options;
    private readonly ILogger<DashboardSampler> _logger;
    private readonly DomainCensusRefresher _census;
    private readonly object _gate = new();
    private readonly SampleRing<DashboardSample> _history;
    private readonly SampleRing<DashboardTransition> _recentTransitions;
    private readonly List<Channel<DashboardSample>> _subscribers = [];
    private readonly Queue<PipelineReading> _window = new();
    private readonly long _startedAt = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
    private readonly TaskCompletionSource _firstSample = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private PipelineReading? _previous;
    private long _journaledThrough = -1;
    private bool _warned;

    public DashboardSampler(
        PipelineInspector inspector,
        RelayJournalReplay journal,
        ICounterStore store,
        IClusterPicture cluster,
        IOptions<DashboardOptions> options,
        ILogger<DashboardSampler> logger,
        IDomainCensus? census = null)
    {
        _inspector = inspector;
        _journal = journal;
        _cluster = cluster;
        _options = options.Value;
        _logger = logger;
        Store = store.Description;
        _census = new DomainCensusRefresher(census, _options.CensusInterval, logger);
        _history = new SampleRing<DashboardSample>(_options.HistoryLength);
        _recentTransitions = new SampleRing<DashboardTransition>(_options.FeedLength);
    }

    public string Store { get; }

    /// <summary>
    /// Opens a feed of samples for one page, once there is a first sample (a page opened while the host starts
    /// waits for it): <see cref="DashboardSubscription.Hello"/> holds the history so far, then every new sample
    /// arrives on <see cref="DashboardSubscription.Samples"/>. Dispose it when the page goes.
    /// </summary>
    public async Task<DashboardSubscription> SubscribeAsync(CancellationToken cancellationToken)
    {
        await _firstSample.Task.WaitAsync(cancellationToken);
        var channel = Channel.CreateBounded<DashboardSample>(new BoundedChannelOptions(SubscriberQueue)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
            SingleWriter = true,
        });
        lock (_gate)
        {
            _subscribers.Add(channel);
            var last = _previous!.Stats;
            var hello = new DashboardHello(
                last.NodeId,
                Store,
                last.Partitions.Count,
                _options.SampleInterval.TotalMilliseconds,
                _options.History.TotalSeconds,
                _startedAt,
                _history.ToArray(),
                _recentTransitions.ToArray());
            return new DashboardSubscription(hello, channel.Reader, () => Unsubscribe(channel));
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_options.SampleInterval);
        do
        {
            try
            {
                Publish(await SampleAsync(stoppingToken));
                _warned = false;
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                // Said once until sampling works again: while the actor system starts or stops, reads may fail.
                if (!_warned)
                    _logger.LogWarning("Dashboard: sampling the pipeline failed, retrying every tick: {Reason}", ex.GetBaseException().Message);
                _warned = true;
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task<DashboardSample> SampleAsync(CancellationToken cancellationToken)
    {
        var stats = await _inspector.ReadPacedAsync(cancellationToken);
        var reading = new PipelineReading(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), stats);
        var transitions = await NewTransitionsAsync(stats.StatusRelay, cancellationToken);
        _census.RefreshIfDue(cancellationToken);

        _window.Enqueue(reading);
        while (_window.Count > 1 && reading.At - _window.Peek().At > _options.FailingWindow.TotalMilliseconds)
            _window.Dequeue();
        var windowStart = _window.Peek() == reading ? null : _window.Peek();

        var sample = DashboardSampleBuilder.Build(
            reading, _previous, windowStart, _options, transitions, _census.Latest, _cluster.Read(stats.NodeId, stats.Partitions.Count));
        lock (_gate)
        {
            _previous = reading;
            _history.Add(sample);
            foreach (var transition in transitions)
                _recentTransitions.Add(transition);
        }
        _firstSample.TrySetResult();
        return sample;
    }

    /// <summary>
    /// The transitions the relay journaled since the last sample (at most <see cref="DashboardOptions.FeedLength"/>
    /// of the newest), read by the relay's own sequence numbers.
    /// </summary>
    private async Task<IReadOnlyList<DashboardTransition>> NewTransitionsAsync(StatusRelayView? relay, CancellationToken cancellationToken)
    {
        if (relay is null || relay.Journaled == _journaledThrough)
            return [];
        if (relay.Journaled < _journaledThrough)
            _journaledThrough = -1; // a new journal: start over from its newest entries

        var from = Math.Max(_journaledThrough + 1, relay.Journaled - _options.FeedLength + 1);
        var range = await _journal.ReadAsync(Math.Max(1, from), relay.Journaled, cancellationToken);
        _journaledThrough = relay.Journaled;
        return range.Select(DashboardTransition.Of).ToArray();
    }

    private void Publish(DashboardSample sample)
    {
        lock (_gate)
        {
            foreach (var subscriber in _subscribers)
                subscriber.Writer.TryWrite(sample);
        }
    }

    private void Unsubscribe(Channel<DashboardSample> channel)
    {
        lock (_gate)
            _subscribers.Remove(channel);
        channel.Writer.TryComplete();
    }
}
