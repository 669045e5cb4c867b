using System.Diagnostics.Metrics;
using Akka.Ingest.Pipeline.Metrics;
using Prometheus;

namespace Akka.Ingest.Tests.Management;

/// <summary>
/// Framework meters as the community dashboards query them: OpenTelemetry's Prometheus names (unit suffix,
/// <c>_total</c> on counters), counters as counters, up-down counters and gauges as gauges, histograms with the
/// instrument's advised buckets, observables read at scrape, and only the meters asked for.
/// </summary>
public sealed class MeterBridgeSpecs
{
    [Theory]
    [InlineData("kestrel.active_connections", "{connection}", false, "kestrel_active_connections")]
    [InlineData("kestrel.connection.duration", "s", false, "kestrel_connection_duration_seconds")]
    [InlineData("kestrel.rejected_connections", "{connection}", true, "kestrel_rejected_connections_total")]
    [InlineData("dotnet.thread_pool.queue.length", "{work_item}", false, "dotnet_thread_pool_queue_length")]
    [InlineData("dotnet.gc.pause.time", "s", true, "dotnet_gc_pause_time_seconds_total")]
    [InlineData("dotnet.process.memory.working_set", "By", false, "dotnet_process_memory_working_set_bytes")]
    [InlineData("db.client.operation.duration", "s", false, "db_client_operation_duration_seconds")]
    [InlineData("http.server.request.duration", "s", false, "http_server_request_duration_seconds")]
    [InlineData("queue.rate", "{request}/s", false, "queue_rate_per_second")]
    [InlineData("already_seconds", "s", false, "already_seconds")]
    [InlineData("dotnet.assembly.count", "{assembly}", false, "dotnet_assemblies")]
    [InlineData("db.client.connection.count", "{connection}", false, "db_client_connections")]
    [InlineData("dotnet.timer.count", "{timer}", false, "dotnet_timers")]
    public void Should_name_instruments_as_opentelemetrys_prometheus_exporter_does(string instrument, string unit, bool monotonic, string expected)
    {
        Assert.Equal(expected, PrometheusNames.Of(instrument, unit, monotonic));
    }

    [Fact]
    public async Task Should_publish_each_instrument_kind_with_its_prometheus_type()
    {
        var meterName = $"Test.Bridge.{Guid.NewGuid():N}";
        using var meter = new Meter(meterName);
        using var ignored = new Meter($"Test.Ignored.{Guid.NewGuid():N}");
        var registry = Prometheus.Metrics.NewCustomRegistry();
        using var bridge = new MeterBridge(registry, new HashSet<string> { meterName });

        var rejected = meter.CreateCounter<long>("test.rejected_connections", "{connection}");
        var active = meter.CreateUpDownCounter<long>("test.active_connections", "{connection}");
        var duration = meter.CreateHistogram("test.connection.duration", "s", null, null,
            new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.1, 1, 10] });
        var queue = 0L;
        meter.CreateObservableUpDownCounter("test.queue.length", () => queue, "{work_item}");
        meter.CreateObservableCounter("test.pause.time", () => 1.5, "s");
        ignored.CreateCounter<long>("test.ignored").Add(1);

        rejected.Add(2, new KeyValuePair<string, object?>("server.port", 5080));
        rejected.Add(1, new KeyValuePair<string, object?>("server.port", 5080));
        active.Add(3);
        active.Add(-1);
        duration.Record(0.5, new KeyValuePair<string, object?>("network.protocol.version", "1.1"));
        duration.Record(0.5, new KeyValuePair<string, object?>("network.protocol.version", "1.1"), new KeyValuePair<string, object?>("error.type", "timeout"));
        queue = 7;

        var text = await Scrape(registry);

        Assert.Contains("# TYPE test_rejected_connections_total counter", text);
        Assert.Contains("test_rejected_connections_total{server_port=\"5080\"} 3", text);
        Assert.Contains("# TYPE test_active_connections gauge", text);
        Assert.Contains("\ntest_active_connections 2", text);
        Assert.Contains("# TYPE test_connection_duration_seconds histogram", text);
        Assert.Contains("test_connection_duration_seconds_bucket{network_protocol_version=\"1.1\",le=\"1\"} 1", text);
        Assert.Contains("test_connection_duration_seconds_bucket{network_protocol_version=\"1.1\",le=\"10\"} 1", text);
        Assert.Contains("error_type=\"timeout\"", text);
        Assert.Contains("\ntest_queue_length 7", text);
        Assert.Contains("# TYPE test_pause_time_seconds_total counter", text);
        Assert.Contains("\ntest_pause_time_seconds_total 1.5", text);
        Assert.DoesNotContain("test_ignored", text);
    }

    private static async Task<string> Scrape(CollectorRegistry registry)
    {
        using var stream = new MemoryStream();
        await registry.CollectAndExportAsTextAsync(stream);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }
}
