using System.Text.Json;
using Akka.Ingest.Testing;
using Akka.Ingest.Tests.Management;

namespace Akka.Ingest.Tests.Dashboard;

/// <summary>
/// docker/grafana's dashboard queries only series that the host serves at <c>/metrics</c>, covers what an operator
/// watches (rates, a latency heatmap, per-partition lag, restarts, the cluster row), and takes its data source from a
/// variable, so the JSON imports into any Grafana.
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
        Assert.Empty(queried.Except(served).Except(ClusterSeries));
    }

    [Fact]
    public void Should_chart_the_cluster_from_the_cluster_series()
    {
        var cluster = Panels().SkipWhile(p => !(p.Type == "row" && p.Title == "Cluster")).Skip(1).TakeWhile(p => p.Type != "row").ToList();
        var queried = cluster.SelectMany(p => p.Expressions).SelectMany(PromQl.MetricNames).ToHashSet();

        Assert.NotEmpty(cluster);
        Assert.Equal(ClusterSeries.Order(), queried.Order());
        Assert.Contains(cluster, p => p.Expressions.Any(e => e.Contains("ingest_cluster_members{status=\"up\"", StringComparison.Ordinal)));
    }

    [Fact]
    public void Should_take_its_data_source_from_a_variable_so_it_imports_into_any_grafana()
    {
        var text = File.ReadAllText(DashboardFile);
        using var dashboard = JsonDocument.Parse(text);
        var variables = dashboard.RootElement.GetProperty("templating").GetProperty("list").EnumerateArray().ToList();
        var source = variables.Single(v => v.GetProperty("type").GetString() == "datasource");

        Assert.Equal("DS_PROMETHEUS", source.GetProperty("name").GetString());
        Assert.Equal("prometheus", source.GetProperty("query").GetString());
        var uids = UidsOf(dashboard.RootElement).Distinct().ToList();
        Assert.Equal(["${DS_PROMETHEUS}"], uids);
        Assert.DoesNotContain("akka-ingest-prometheus", text);
        Assert.False(dashboard.RootElement.TryGetProperty("__inputs", out _), "__inputs breaks file provisioning (grafana/grafana#10786)");
    }

    /// <summary>
    /// The cluster series (ingest_cluster_members{status}, …) come with cluster mode; a single-node host does not
    /// serve them, so the spec above cannot see them, and this list is what the cluster row may ask for.
    /// </summary>
    private static readonly string[] ClusterSeries = ["ingest_cluster_members", "ingest_cluster_unreachable_members", "ingest_cluster_is_leader", "ingest_partitions_owned"];

    private sealed record Panel(string Type, string Title, IReadOnlyList<string> Expressions);

    private static List<Panel> Panels()
    {
        using var dashboard = JsonDocument.Parse(File.ReadAllText(DashboardFile));
        return dashboard.RootElement.GetProperty("panels").EnumerateArray()
            .Select(p => new Panel(p.GetProperty("type").GetString()!, p.GetProperty("title").GetString()!,
                p.TryGetProperty("targets", out var targets) ? targets.EnumerateArray().Select(t => t.GetProperty("expr").GetString()!).ToList() : []))
            .ToList();
    }

    private static IEnumerable<string> UidsOf(JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject())
            {
                if (property.Name == "datasource" && property.Value.ValueKind == JsonValueKind.Object)
                    yield return property.Value.GetProperty("uid").GetString()!;
                foreach (var uid in UidsOf(property.Value))
                    yield return uid;
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var uid in element.EnumerateArray().SelectMany(UidsOf))
                yield return uid;
        }
    }

    [Fact]
    public void Should_chart_rates_a_latency_heatmap_partition_lag_and_restarts()
    {
        using var dashboard = JsonDocument.Parse(File.ReadAllText(DashboardFile));
        var panels = dashboard.RootElement.GetProperty("panels").EnumerateArray().Where(p => p.TryGetProperty("targets", out _)).ToArray();
        string[] ExpressionsOf(JsonElement panel) =>
            panel.GetProperty("targets").EnumerateArray().Select(t => t.GetProperty("expr").GetString()!).ToArray();

        Assert.Contains(panels, p => ExpressionsOf(p).Any(e => e.Contains("rate(ingest_events_committed_total", StringComparison.Ordinal)));
        Assert.Contains(panels, p => p.GetProperty("type").GetString() == "heatmap" && ExpressionsOf(p).Any(e => e.Contains("ingest_flush_seconds_bucket", StringComparison.Ordinal)));
        Assert.Contains(panels, p => ExpressionsOf(p).Any(e => e.Contains("ingest_partition_buffered_events", StringComparison.Ordinal)));
        Assert.Contains(panels, p => ExpressionsOf(p).Any(e => e.Contains("ingest_writer_restarts_total", StringComparison.Ordinal)));

        // The provisioned data source is the default one, which the dashboard's data source variable starts on.
        var provisioned = File.ReadAllText(RepositoryFiles.PathOf("docker", "grafana", "provisioning", "datasources", "prometheus.yaml"));
        Assert.Contains("type: prometheus", provisioned);
        Assert.Contains("isDefault: true", provisioned);
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
            .Where(p => p.TryGetProperty("targets", out _))
            .SelectMany(p => p.GetProperty("targets").EnumerateArray())
            .Select(t => t.GetProperty("expr").GetString()!)
            .ToList();
        foreach (var variable in dashboard.RootElement.GetProperty("templating").GetProperty("list").EnumerateArray()
                     .Where(v => v.GetProperty("type").GetString() == "query"))
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
