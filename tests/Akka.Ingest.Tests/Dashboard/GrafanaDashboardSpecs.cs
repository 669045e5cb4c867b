using System.Text.Json;
using Akka.Ingest.Testing;
using Akka.Ingest.Tests.Management;

namespace Akka.Ingest.Tests.Dashboard;

/// <summary>
/// docker/grafana's dashboard queries only series that the host serves at <c>/metrics</c>, covers what an operator
/// watches (rates, a latency heatmap, per-partition lag, restarts), and uses the data source its provisioning defines.
/// </summary>
[Collection(IngestHostCollection.Name)]
public sealed class GrafanaDashboardSpecs
{
    private static readonly string DashboardFile = RepositoryFiles.PathOf("docker", "grafana", "dashboards", "akka-ingest.json");

    [Fact]
    public async Task Should_query_only_series_the_host_serves()
    {
        await using var host = await IngestHost.StartOnTemporarySqliteAsync();
        // Labelled series appear once they have a value: one committed event, one refused, one timed request.
        await host.Client.PutAsync("/events/grafana.example/delivered", null);
        await host.Client.PutAsync("/events/nodot/delivered", null);
        var served = ServedNames(await host.Client.GetStringAsync("/metrics"));

        var queried = Queries().SelectMany(PromQl.MetricNames).ToHashSet();

        Assert.NotEmpty(queried);
        Assert.Empty(queried.Except(served));
    }

    [Fact]
    public void Should_chart_rates_a_latency_heatmap_partition_lag_and_restarts()
    {
        using var dashboard = JsonDocument.Parse(File.ReadAllText(DashboardFile));
        var panels = dashboard.RootElement.GetProperty("panels").EnumerateArray().ToArray();
        string[] ExpressionsOf(JsonElement panel) =>
            panel.GetProperty("targets").EnumerateArray().Select(t => t.GetProperty("expr").GetString()!).ToArray();

        Assert.Contains(panels, p => ExpressionsOf(p).Any(e => e.Contains("rate(ingest_events_committed_total", StringComparison.Ordinal)));
        Assert.Contains(panels, p => p.GetProperty("type").GetString() == "heatmap" && ExpressionsOf(p).Any(e => e.Contains("ingest_flush_seconds_bucket", StringComparison.Ordinal)));
        Assert.Contains(panels, p => ExpressionsOf(p).Any(e => e.Contains("ingest_partition_buffered_events", StringComparison.Ordinal)));
        Assert.Contains(panels, p => ExpressionsOf(p).Any(e => e.Contains("ingest_writer_restarts_total", StringComparison.Ordinal)));

        var provisioned = File.ReadAllText(RepositoryFiles.PathOf("docker", "grafana", "provisioning", "datasources", "prometheus.yaml"));
        Assert.All(panels, p => Assert.Contains($"uid: {p.GetProperty("datasource").GetProperty("uid").GetString()}", provisioned));
    }

    [Theory]
    [InlineData("sum by (reason) (rate(ingest_events_rejected_total{instance=~\"$instance\"}[$__rate_interval]))", new[] { "ingest_events_rejected_total" })]
    [InlineData("histogram_quantile(0.99, sum by (le) (rate(ingest_flush_seconds_bucket[5m])))", new[] { "ingest_flush_seconds_bucket" })]
    [InlineData("sum(rate(a_sum[1m])) / sum(rate(a_count[1m])) > bool 0.5", new[] { "a_sum", "a_count" })]
    [InlineData("rate(ingest_events_comitted_total[1m]) offset 5m", new[] { "ingest_events_comitted_total" })]
    public void Should_find_the_metric_names_in_a_query(string expression, string[] names) =>
        Assert.Equal(names.Order(), PromQl.MetricNames(expression).Order());

    /// <summary>Every panel's query, and the metric of each <c>label_values(metric, label)</c> variable.</summary>
    private static IEnumerable<string> Queries()
    {
        using var dashboard = JsonDocument.Parse(File.ReadAllText(DashboardFile));
        var expressions = dashboard.RootElement.GetProperty("panels").EnumerateArray()
            .SelectMany(p => p.GetProperty("targets").EnumerateArray())
            .Select(t => t.GetProperty("expr").GetString()!)
            .ToList();
        foreach (var variable in dashboard.RootElement.GetProperty("templating").GetProperty("list").EnumerateArray())
        {
            var query = variable.GetProperty("definition").GetString()!;
            expressions.Add(query.StartsWith("label_values(", StringComparison.Ordinal)
                ? query["label_values(".Length..query.IndexOf(',', StringComparison.Ordinal)]
                : query);
        }
        return expressions;
    }

    /// <summary>The series names in Prometheus text, with a histogram's _bucket, _sum and _count.</summary>
    private static HashSet<string> ServedNames(string exposition)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in exposition.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.StartsWith("# TYPE ", StringComparison.Ordinal))
            {
                var parts = line.Split(' ');
                names.Add(parts[2]);
                if (parts[3] is "histogram" or "summary")
                    names.UnionWith([parts[2] + "_sum", parts[2] + "_count", parts[2] + "_bucket"]);
            }
            else if (!line.StartsWith('#'))
            {
                names.Add(line[..line.IndexOfAny(['{', ' '])]);
            }
        }
        return names;
    }
}
