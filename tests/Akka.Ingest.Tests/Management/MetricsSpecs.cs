using System.Globalization;
using System.Net;
using System.Reflection;
using System.Text.RegularExpressions;
using Akka.Ingest.Pipeline.Metrics;
using Akka.Ingest.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Akka.Ingest.Tests.Management;

/// <summary><c>/metrics</c>: valid Prometheus text with every documented series, counting this host's events.</summary>
[Collection(IngestHostCollection.Name)]
public sealed partial class MetricsSpecs
{
    [Fact]
    public async Task Should_not_count_the_outbox_on_every_scrape()
    {
        var outbox = new StatusFeed.InMemoryStatusOutbox();
        await using var host = await IngestHost.StartAsync([], services =>
        {
            services.AddSingleton<Akka.Ingest.Stores.ICounterStore>(new InMemoryCounterStore());
            services.AddSingleton<Akka.Ingest.StatusFeed.IStatusOutbox>(outbox);
            services.AddSingleton<Akka.Ingest.StatusFeed.IOutboxSignal>(outbox);
        });
        await Eventually.TrueAsync(() => host.Client.GetStringAsync("/metrics").Result.Contains("ingest_status_relay_lag_transitions 0"),
            TimeSpan.FromSeconds(10), "the relay answers");
        var before = outbox.Counts;

        for (var i = 0; i < 20; i++)
            Assert.Equal(HttpStatusCode.OK, (await host.Client.GetAsync("/metrics")).StatusCode);

        Assert.True(outbox.Counts - before <= 1, $"20 scrapes counted the outbox {outbox.Counts - before} times.");
    }

    [Fact]
    public async Task Should_serve_prometheus_text_with_every_documented_series()
    {
        await using var host = await ManagementHost.StartAsync(new InMemoryCounterStore(), "--Ingest:Partitions=2");
        for (var i = 0; i < 5; i++)
            Assert.Equal(HttpStatusCode.NoContent, (await host.Client.PutAsync($"/events/metrics{i}.example/delivered", null)).StatusCode);
        await host.Client.PutAsync("/events/invalid/delivered", null);

        var response = await host.Client.GetAsync("/metrics");
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType);
        var samples = Parse(text);
        foreach (var name in DocumentedSeries())
            Assert.True(samples.Any(s => s.Name == name || s.Name.StartsWith(name + "_", StringComparison.Ordinal)), $"{name} is missing from /metrics");

        // Its own registry: exactly this host's events, whatever other hosts in the process did.
        Assert.Equal(5, Value(samples, "ingest_events_accepted_total"));
        Assert.Equal(5, Value(samples, "ingest_events_committed_total"));
        Assert.Equal(1, Value(samples, "ingest_events_rejected_total", "reason=\"invalid\""));
        Assert.Equal(0, Value(samples, "ingest_events_rejected_total", "reason=\"queue_full\""));
        Assert.Equal(5, Value(samples, "ingest_batch_events_sum"));
        Assert.True(Value(samples, "ingest_flush_seconds_count") >= 1);
        Assert.Equal(5, Value(samples, "http_request_duration_seconds_count", "code=\"204\"", "endpoint=\"/events/{domain}/delivered\""));
        Assert.Equal(1, Value(samples, "http_request_duration_seconds_count", "code=\"400\"", "endpoint=\"/events/{domain}/delivered\""));
    }

    // The relay's lag is left out until the relay first answers (StatusRelayLagSpecs covers it).
    private static IEnumerable<string> DocumentedSeries() =>
        typeof(IngestMetrics.Names).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral)
            .Select(f => (string)f.GetRawConstantValue()!)
            .Where(name => name != IngestMetrics.Names.StatusRelayLag);

    private static double Value(IReadOnlyList<Sample> samples, string name, params string[] labels) =>
        samples.Single(s => s.Name == name && labels.All(s.Labels.Contains)).Value;

    /// <summary>Parses the text exposition format strictly: every line is a comment, blank, or a valid sample.</summary>
    private static IReadOnlyList<Sample> Parse(string text)
    {
        var samples = new List<Sample>();
        var typed = new HashSet<string>();
        foreach (var line in text.Split('\n'))
        {
            if (line.Length == 0)
                continue;
            if (line.StartsWith('#'))
            {
                var comment = CommentLine().Match(line);
                Assert.True(comment.Success, $"not a valid comment line: {line}");
                if (comment.Groups["kind"].Value == "TYPE")
                    Assert.True(typed.Add(comment.Groups["name"].Value), $"TYPE given twice: {line}");
                continue;
            }

            var sample = SampleLine().Match(line);
            Assert.True(sample.Success, $"not a valid sample line: {line}");
            samples.Add(new Sample(
                sample.Groups["name"].Value,
                sample.Groups["labels"].Value,
                double.Parse(sample.Groups["value"].Value.Replace("+Inf", "Infinity"), CultureInfo.InvariantCulture)));
        }
        Assert.NotEmpty(samples);
        return samples;
    }

    [GeneratedRegex("""^# (?<kind>HELP|TYPE) (?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)( .*)?$""")]
    private static partial Regex CommentLine();

    [GeneratedRegex("""^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>([a-zA-Z_][a-zA-Z0-9_]*="([^"\\]|\\.)*",?)*)\})? (?<value>[-+]?([0-9.]+([eE][-+]?[0-9]+)?|Inf|NaN))( -?[0-9]+)?$""")]
    private static partial Regex SampleLine();

    private sealed record Sample(string Name, string Labels, double Value);
}
