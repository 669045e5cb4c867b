using Akka.Ingest.Testing;
using Akka.Ingest.Tests.Management;

namespace Akka.Ingest.Tests.Dashboard;

/// <summary>
/// docker/grafana/alerts.yml: valid for promtool, firing as its unit tests (alerts.test.yml) expect, covering the
/// failures an operator must hear about, and asking only for series the host serves (or cluster mode's).
/// </summary>
[Collection(IngestHostCollection.Name)]
public sealed class AlertRulesSpecs
{
    private static readonly string Rules = Akka.Ingest.Tests.RepositoryFiles.Read("docker/grafana/alerts.yml");

    [Fact]
    public void Should_pass_promtool_check_and_its_unit_tests()
    {
        var check = Promtool.Run(["check", "rules", Akka.Ingest.Tests.RepositoryFiles.PathOf("docker/grafana/alerts.yml")]);
        var test = Promtool.Run(["test", "rules", Akka.Ingest.Tests.RepositoryFiles.PathOf("docker/grafana/alerts.test.yml")]);

        Assert.True(check.ExitCode == 0, check.Output);
        Assert.True(test.ExitCode == 0, test.Output);
    }

    [Theory]
    [InlineData("IngestCommitsStalled", "ingest_last_commit_timestamp_seconds")]
    [InlineData("IngestPartitionStalled", "ingest_partition_buffered_events")]
    [InlineData("IngestWriterBackingOff", "ingest_writer_restarts_total")]
    [InlineData("IngestStatusRelayLagging", "ingest_status_relay_lag_transitions")]
    [InlineData("IngestClusterMemberUnreachable", "ingest_cluster_unreachable_members")]
    [InlineData("IngestRefusingRequests", "http_request_duration_seconds_count{code=\"503\"")]
    public void Should_alert_on_each_failure_an_operator_must_hear_about(string alert, string series)
    {
        var start = Rules.IndexOf($"alert: {alert}\n", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no alert {alert}");
        var end = Rules.IndexOf("- alert:", start, StringComparison.Ordinal);
        Assert.Contains(series, Rules[start..(end < 0 ? Rules.Length : end)]);
    }

    [Fact]
    public async Task Should_ask_only_for_series_the_host_serves()
    {
        await using var host = await IngestHost.StartOnTemporarySqliteAsync();
        await host.Client.PutAsync("/events/alerts.example/delivered", null);
        var scrape = await host.Client.GetStringAsync("/metrics");
        string[] cluster = ["ingest_cluster_unreachable_members"];
        string[] prometheusOwn = ["up"];

        var expressions = Rules.Split("expr:").Skip(1).Select(e => e[..e.IndexOf("for:", StringComparison.Ordinal)]);
        var asked = expressions.SelectMany(PromQl.MetricNames).ToHashSet();

        Assert.NotEmpty(asked);
        Assert.All(asked.Except(cluster).Except(prometheusOwn), name =>
            Assert.True(scrape.Contains($"\n{name}{{", StringComparison.Ordinal) || scrape.Contains($"\n{name} ", StringComparison.Ordinal), $"{name} is not served"));
    }
}
