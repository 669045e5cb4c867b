using System.Diagnostics;
using Akka.Ingest.Generator.Cli;
using Akka.Ingest.Testing;

namespace Akka.Ingest.Tests.Generator;

/// <summary>
/// <c>--duration</c> (wrk's <c>-d</c>): the run sends for that long, then stops taking events, and the report and
/// <c>--verify</c> count what was sent; with <c>--events</c> too, whichever comes first. <c>-d</c> given a
/// distribution, as before, is still taken as one, with a warning; the distribution itself is <c>-D</c>.
/// </summary>
public sealed class GeneratorDurationSpecs : IAsyncLifetime
{
    private IngestHost _host = null!;

    public async Task InitializeAsync() => _host = await IngestHost.StartOnTemporarySqliteAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Theory]
    [InlineData("30s", 30)]
    [InlineData("2m", 120)]
    [InlineData("1h", 3600)]
    [InlineData("500ms", 0.5)]
    [InlineData("1.5s", 1.5)]
    [InlineData("45", 45)]
    [InlineData("24h", 86400)]
    public void Should_read_durations_as_wrk_and_k6_write_them(string text, double seconds)
    {
        Assert.True(RunDuration.TryParse(text, out var duration));
        Assert.Equal(TimeSpan.FromSeconds(seconds), duration);
    }

    [Theory]
    [InlineData("--duration 0s")]
    [InlineData("--duration 25h")]
    [InlineData("--duration soon")]
    [InlineData("-d -3s")]
    public async Task Should_reject_a_duration_that_is_not_one_with_exit_code_2(string args)
    {
        var run = await CliRun.RunAsync([.. args.Split(' '), "--url", _host.Address.ToString()]);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("--duration must be a length such as 30s", run.Error);
    }

    [Fact]
    public async Task Should_send_for_the_duration_and_report_and_verify_what_was_sent()
    {
        var clock = Stopwatch.StartNew();
        var run = await CliRun.RunAsync("--url", _host.Address.ToString(), "-d", "2s", "--rate", "300", "--concurrency", "8",
            "-D", "uniform:50", "--seed", "21", "--events", "100000", "--verify", "--json");
        clock.Stop();

        Assert.True(run.ExitCode == 0, run.ToString());
        var report = run.Json();
        var sent = report.GetProperty("events").GetInt64();
        Assert.Equal(2, report.GetProperty("durationSeconds").GetDouble());
        Assert.InRange(report.GetProperty("elapsedSeconds").GetDouble(), 1.9, 4);
        Assert.InRange(sent, 300, 900); // about 2 s at 300/s, far below --events
        Assert.Equal(sent, report.GetProperty("acknowledged").GetInt64());
        Assert.True(report.GetProperty("verification").GetProperty("passed").GetBoolean(), run.ToString());
        Assert.InRange(clock.Elapsed.TotalSeconds, 1.9, 30);
    }

    [Fact]
    public async Task Should_stop_at_the_event_count_when_it_comes_before_the_duration()
    {
        var clock = Stopwatch.StartNew();
        var run = await CliRun.RunAsync("--url", _host.Address.ToString(), "--duration", "5m", "--events", "200", "--concurrency", "8");
        clock.Stop();

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Matches(@"events\s+200 sent in --duration 300 s: 200 acknowledged, 0 failed", run.Output);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task Should_still_take_a_distribution_given_to_d_with_a_warning()
    {
        var run = await CliRun.RunAsync("--dry-run", "--events", "1000", "-d", "uniform:10", "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("uniform:10", run.Json().GetProperty("distribution").GetString());
        Assert.Contains("warning: -d is --duration now", run.Error);
    }

    [Fact]
    public async Task Should_show_the_new_flags_in_help()
    {
        var run = await CliRun.RunAsync("--help");

        Assert.Matches(@"-d, --duration <DURATION>", run.Output);
        Assert.Matches(@"-D, --distribution <DISTRIBUTION>", run.Output);
    }
}
