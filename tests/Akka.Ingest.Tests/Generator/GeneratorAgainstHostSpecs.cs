using Akka.Ingest.Testing;
namespace Akka.Ingest.Tests.Generator;

/// <summary>The CLI against the real host over a socket, verifying every domain afterwards.</summary>
public sealed class GeneratorAgainstHostSpecs : IAsyncLifetime
{
    private IngestHost _host = null!;

    public async Task InitializeAsync() => _host = await IngestHost.StartOnTemporarySqliteAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Should_pass_verify_after_a_mailgun_run()
    {
        var run = await CliRun.RunAsync("--url", _host.Address.ToString(), "--events", "5000", "--concurrency", "32", "--seed", "11", "--verify");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Matches(@"events\s+5000 planned: 5000 acknowledged, 0 failed", run.Output);
        Assert.Matches(@"responses\s+204: 5000\n", run.Output.ReplaceLineEndings("\n"));
        Assert.Matches(@"verify\s+passed: \d+ domains match", run.Output);
        Assert.Matches(@"latency ms\s+min [\d.]+  mean [\d.]+  p50 [\d.]+  p90 [\d.]+  p99 [\d.]+  p99.9 [\d.]+  max [\d.]+  \(5000 requests\)", run.Output);
    }

    [Fact]
    public async Task Should_pass_verify_after_a_uniform_run_reported_as_json()
    {
        var run = await CliRun.RunAsync("--url", _host.Address.ToString(), "--events", "3000", "--concurrency", "16",
            "--distribution", "uniform:300", "--seed", "12", "--verify", "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        var report = run.Json();
        Assert.Equal(3000, report.GetProperty("acknowledged").GetInt64());
        Assert.Equal(3000, report.GetProperty("responses").GetProperty("204").GetInt64());
        Assert.True(report.GetProperty("verification").GetProperty("passed").GetBoolean());
        Assert.Equal(300, report.GetProperty("verification").GetProperty("checked").GetInt64());
    }

    [Fact]
    public async Task Should_fail_verify_when_the_host_counted_the_domains_before()
    {
        // The same seed twice doubles every count, so the second run's verification must find every domain wrong.
        var first = await CliRun.RunAsync("--url", _host.Address.ToString(), "--events", "2000", "--concurrency", "16", "--seed", "13", "--verify");
        var second = await CliRun.RunAsync("--url", _host.Address.ToString(), "--events", "2000", "--concurrency", "16", "--seed", "13", "--verify");

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.True(second.ExitCode == 1, second.ToString());
        Assert.Matches(@"verify\s+FAILED: (\d+) of \1 domains differ", second.Output);
        Assert.Contains("expected delivered", second.Output);
    }
}
