using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using Prometheus;

namespace Akka.Ingest.Pipeline.Metrics;

/// <summary>
/// Publishes the instruments of some meters into a prometheus-net registry under OpenTelemetry's Prometheus names
/// (<see cref="PrometheusNames"/>) and types: a Counter or ObservableCounter as a counter, an UpDownCounter or a
/// gauge as a gauge, a Histogram as a histogram with the instrument's advised buckets. Each tag becomes a label;
/// a set of tag names gets its own series set in the family. Observable instruments are read just before each
/// scrape, so they cost nothing in between.
/// </summary>
public sealed class MeterBridge : IDisposable
{
    /// <summary>OpenTelemetry's default histogram boundaries, for histograms that advise none.</summary>
    private static readonly double[] SecondsBuckets = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10];

    private static readonly double[] DefaultBuckets = [0, 5, 10, 25, 50, 75, 100, 250, 500, 750, 1000, 2500, 5000, 7500, 10000];

    private readonly MeterListener _listener = new();

    public MeterBridge(CollectorRegistry registry, IReadOnlySet<string> meterNames)
    {
        var factory = Prometheus.Metrics.WithCustomRegistry(registry);
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (meterNames.Contains(instrument.Meter.Name))
                listener.EnableMeasurementEvents(instrument, new Export(instrument, factory));
        };
        _listener.SetMeasurementEventCallback<byte>((i, value, tags, state) => ((Export)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<short>((i, value, tags, state) => ((Export)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<int>((i, value, tags, state) => ((Export)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<long>((i, value, tags, state) => ((Export)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<float>((i, value, tags, state) => ((Export)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<double>((i, value, tags, state) => ((Export)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<decimal>((i, value, tags, state) => ((Export)state!).Record((double)value, tags));
        _listener.Start();
        registry.AddBeforeCollectCallback(_listener.RecordObservableInstruments);
    }

    public void Dispose() => _listener.Dispose();

    private enum Kind
    {
        Counter,
        CumulativeCounter,
        DeltaGauge,
        Gauge,
        Histogram,
    }

    /// <summary>One instrument's series: one collector per set of tag names, created when that set first appears.</summary>
    private sealed class Export(Instrument instrument, IMetricFactory factory)
    {
        private readonly string _name = PrometheusNames.Of(instrument);
        private readonly string _help = string.IsNullOrWhiteSpace(instrument.Description) ? instrument.Name : instrument.Description;
        private readonly Kind _kind = KindOf(instrument);
        private readonly double[] _buckets = BucketsOf(instrument);
        private readonly ConcurrentDictionary<string, object> _collectors = new(StringComparer.Ordinal);

        public void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            var names = new string[tags.Length];
            var values = new string[tags.Length];
            for (var i = 0; i < tags.Length; i++)
            {
                names[i] = PrometheusNames.Label(tags[i].Key);
                values[i] = Convert.ToString(tags[i].Value, CultureInfo.InvariantCulture) ?? "";
            }
            Array.Sort(names, values, StringComparer.Ordinal);
            var collector = _collectors.GetOrAdd(string.Join(',', names), (_, labels) => Create(labels), names);
            switch (collector)
            {
                case Counter counter when _kind == Kind.CumulativeCounter:
                    counter.WithLabels(values).IncTo(value);
                    break;
                case Counter counter:
                    if (value > 0)
                        counter.WithLabels(values).Inc(value);
                    break;
                case Gauge gauge when _kind == Kind.DeltaGauge:
                    gauge.WithLabels(values).Inc(value);
                    break;
                case Gauge gauge:
                    gauge.WithLabels(values).Set(value);
                    break;
                case Histogram histogram:
                    histogram.WithLabels(values).Observe(value);
                    break;
            }
        }

        private object Create(string[] labels) => _kind switch
        {
            Kind.Counter or Kind.CumulativeCounter => factory.CreateCounter(_name, _help, labels),
            Kind.Histogram => factory.CreateHistogram(_name, _help, labels, new HistogramConfiguration { Buckets = _buckets }),
            _ => factory.CreateGauge(_name, _help, labels),
        };

        private static Kind KindOf(Instrument instrument)
        {
            var type = instrument.GetType();
            var definition = type.IsGenericType ? type.GetGenericTypeDefinition() : type;
            if (definition == typeof(Counter<>))
                return Kind.Counter;
            if (definition == typeof(ObservableCounter<>))
                return PrometheusNames.IsMonotonic(instrument) ? Kind.CumulativeCounter : Kind.Gauge;
            if (definition == typeof(UpDownCounter<>))
                return Kind.DeltaGauge;
            if (definition == typeof(Histogram<>))
                return Kind.Histogram;
            return Kind.Gauge; // ObservableUpDownCounter, ObservableGauge, Gauge: each measurement is the current value
        }

        private static double[] BucketsOf(Instrument instrument)
        {
            var advised = instrument switch
            {
                Instrument<double> d => d.Advice?.HistogramBucketBoundaries?.ToArray(),
                Instrument<long> l => l.Advice?.HistogramBucketBoundaries?.Select(b => (double)b).ToArray(),
                Instrument<int> i => i.Advice?.HistogramBucketBoundaries?.Select(b => (double)b).ToArray(),
                _ => null,
            };
            if (advised is { Length: > 0 })
                return advised;
            return instrument.Unit == "s" ? SecondsBuckets : DefaultBuckets;
        }
    }
}
