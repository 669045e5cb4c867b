using System.Net;
using System.Text.Json;
using Akka.Ingest.Pipeline.Config;
using Akka.Ingest.Pipeline.Health;
using Akka.Ingest.Pipeline.Ingestion;
using Akka.Ingest.Testing;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;

namespace Akka.Ingest.Tests.Management;

/// <summary><c>/health/live</c> and <c>/health/ready</c> while the store fails and after it recovers.</summary>
[Collection(IngestHostCollection.Name)]
public sealed class ReadinessSpecs
{
    [Fact]
    public async Task Should_turn_unready_while_the_store_is_down_and_ready_again_after()
    {
        var store = new OutageCounterStore(new InMemoryCounterStore());
        await using var host = await ManagementHost.StartAsync(store);

        var ready = await ReadyAsync(host);
        Assert.Equal(HttpStatusCode.OK, ready.Status);
        Assert.Equal("Healthy", ready.Checks["store"]);
        Assert.Equal("Healthy", ready.Checks["pipeline"]);

        store.Down = true;
        // A report serves every caller for a second: the outage shows once the cached one is stale.
        var down = await UntilReadyIsAsync(host, HttpStatusCode.ServiceUnavailable);
        Assert.Equal("Unhealthy", down.Checks["store"]);
        Assert.Equal("Healthy", down.Checks["pipeline"]);
        Assert.Equal(HttpStatusCode.OK, (await host.Client.GetAsync("/health/live")).StatusCode);

        store.Down = false;
        await UntilReadyIsAsync(host, HttpStatusCode.OK);
    }

    [Fact]
    public async Task Should_ping_the_store_once_for_many_readiness_probes_within_a_second()
    {
        var store = new PingCountingStore(new InMemoryCounterStore());
        await using var host = await ManagementHost.StartAsync(store);
        Assert.Equal(HttpStatusCode.OK, (await ReadyAsync(host)).Status);
        var before = store.Pings;

        var probes = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => host.Client.GetAsync("/health/ready")));

        Assert.All(probes, p => Assert.Equal(HttpStatusCode.OK, p.StatusCode));
        Assert.True(store.Pings - before <= 1, $"50 probes pinged the store {store.Pings - before} times.");
    }

    [Fact]
    public async Task Should_log_a_failing_ping_once_per_outage()
    {
        var store = new OutageCounterStore(new InMemoryCounterStore());
        var log = new ListLogger<StoreHealthCheck>();
        var check = new StoreHealthCheck(store, Microsoft.Extensions.Options.Options.Create(new Pipeline.Management.ManagementOptions()), log);

        store.Down = true;
        for (var i = 0; i < 5; i++)
            Assert.Equal(HealthStatus.Unhealthy, (await check.CheckHealthAsync(new HealthCheckContext())).Status);
        store.Down = false;
        Assert.Equal(HealthStatus.Healthy, (await check.CheckHealthAsync(new HealthCheckContext())).Status);
        store.Down = true;
        await check.CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(
            [(LogLevel.Warning, "failed its ping"), (LogLevel.Information, "answers its ping again"), (LogLevel.Warning, "failed its ping")],
            log.Entries.Select(e => (e.Level, e.Message.Contains("failed its ping") ? "failed its ping" : e.Message.Contains("answers its ping again") ? "answers its ping again" : e.Message)));
    }

    private static async Task<(HttpStatusCode Status, Dictionary<string, string> Checks)> UntilReadyIsAsync(IngestHost host, HttpStatusCode wanted)
    {
        (HttpStatusCode Status, Dictionary<string, string> Checks) latest = default;
        await Eventually.TrueAsync(async () => (latest = await ReadyAsync(host)).Status == wanted, TimeSpan.FromSeconds(10), $"readiness answers {wanted}");
        return latest;
    }

    private sealed class PingCountingStore(Akka.Ingest.Stores.ICounterStore inner) : DelegatingCounterStore(inner)
    {
        private int _pings;

        public int Pings => Volatile.Read(ref _pings);

        public override Task PingAsync(CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _pings);
            return base.PingAsync(cancellationToken);
        }
    }

    private sealed class ListLogger<T> : ILogger<T>
    {
        private readonly List<(LogLevel Level, string Message)> _entries = [];

        public IReadOnlyList<(LogLevel Level, string Message)> Entries
        {
            get
            {
                lock (_entries)
                    return _entries.ToArray();
            }
        }

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (_entries)
                _entries.Add((logLevel, formatter(state, exception)));
        }
    }

    [Fact]
    public async Task Should_not_reveal_the_store_address_or_its_error_text_on_the_public_readiness()
    {
        var store = new OutageCounterStore(new InMemoryCounterStore());
        await using var host = await ManagementHost.StartAsync(store);

        var healthy = await host.Client.GetStringAsync("/health/ready");
        store.Down = true;
        await UntilReadyIsAsync(host, HttpStatusCode.ServiceUnavailable);
        var down = await host.Client.GetAsync("/health/ready");
        var unhealthy = await down.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, down.StatusCode);
        foreach (var body in new[] { healthy, unhealthy })
        {
            Assert.DoesNotContain(store.Description, body, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(OutageCounterStore.OutageMessage, body, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task Should_not_be_ready_while_the_stream_does_not_run()
    {
        var options = new IngestOptions();
        var counters = new IngestCounters(options.Partitions);
        var check = new PipelineHealthCheck(new IngestStream(new IngestAdmission(options, counters), counters, new NodeIdentity("spec"), options), counters);

        var result = await check.CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
    }

    private static async Task<(HttpStatusCode Status, Dictionary<string, string> Checks)> ReadyAsync(IngestHost host)
    {
        var response = await host.Client.GetAsync("/health/ready");
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var checks = json.RootElement.GetProperty("checks").EnumerateArray()
            .ToDictionary(c => c.GetProperty("name").GetString()!, c => c.GetProperty("status").GetString()!);
        return (response.StatusCode, checks);
    }
}
