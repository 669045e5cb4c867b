using System.Text.Json;

namespace Akka.Ingest.Tests.Generator;

/// <summary>
/// The generator's numbers under a stall: with <c>--rate</c>, latency counts from the scheduled send, so a host
/// that stops answering for a second shows in p99 (not only in max, as service time alone would have it);
/// <c>--check</c> sets the exit code; <c>--url</c> given twice spreads the workers over both hosts.
/// </summary>
public sealed class GeneratorUnderStallSpecs
{
    [Fact]
    public async Task Should_show_a_one_second_stall_in_the_p99_measured_from_the_schedule()
    {
        await using var host = await StallingHost.StartAsync(stallAt: 100, stall: TimeSpan.FromSeconds(1));

        // One worker at 200/s for 3 s: about 200 sends fall due while the host stalls.
        var run = await CliRun.RunAsync("--url", host.Url, "--events", "600", "--rate", "200", "--concurrency", "1",
            "--seed", "21", "--json", "--check", "p99<50ms", "--check", "success_ratio>=1");

        var report = run.Json();
        var fromSchedule = report.GetProperty("latency");
        var serviceTime = report.GetProperty("serviceTime");
        Assert.Equal(600, report.GetProperty("acknowledged").GetInt64());
        Assert.True(fromSchedule.GetProperty("p99Ms").GetDouble() >= 500, $"p99 from the schedule shows the stall: {fromSchedule}");
        Assert.True(serviceTime.GetProperty("p99Ms").GetDouble() < 200, $"service time hides it below max: {serviceTime}");
        Assert.InRange(serviceTime.GetProperty("maxMs").GetDouble(), 900, 5000);
        foreach (var statistic in new[] { "minMs", "meanMs", "p50Ms", "p90Ms", "p99Ms", "p999Ms", "maxMs" })
            Assert.True(fromSchedule.TryGetProperty(statistic, out _), statistic);
        Assert.Equal(200, report.GetProperty("rate").GetDouble());
        Assert.InRange(report.GetProperty("achievedRate").GetDouble(), 100, 220);
        Assert.Equal(1.0, report.GetProperty("successRatio").GetDouble());

        var checks = report.GetProperty("checks").EnumerateArray().ToDictionary(c => c.GetProperty("check").GetString()!, c => c.GetProperty("passed").GetBoolean());
        Assert.False(checks["p99<50ms"]);
        Assert.True(checks["success_ratio>=1"]);
        Assert.Equal(1, run.ExitCode);

        var timeline = report.GetProperty("timeline").EnumerateArray().ToList();
        Assert.InRange(timeline.Count, 3, 5);
        Assert.Equal(600, timeline.Sum(s => s.GetProperty("requests").GetInt64()));
        Assert.Contains(timeline, s => s.GetProperty("maxMs").GetDouble() >= 900);
    }

    [Fact]
    public async Task Should_exit_0_when_every_check_holds_and_print_them()
    {
        await using var host = await StallingHost.StartAsync(stallAt: int.MaxValue, stall: TimeSpan.Zero);

        var run = await CliRun.RunAsync("--url", host.Url, "--events", "200", "--rate", "400", "--concurrency", "4",
            "--seed", "22", "--check", "p99<2s", "--check", "rate>=10");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Matches(@"check\s+p99<2s: [\d.]+ ok", run.Output);
        Assert.Matches(@"requests/s\s+\d+ achieved of 400 requested", run.Output);
        Assert.Matches(@"sched latency ms\s+min [\d.]+  mean [\d.]+  p50 [\d.]+  p90 [\d.]+  p99 [\d.]+  p99.9 [\d.]+  max [\d.]+", run.Output);
        Assert.Matches(@"service time ms\s+min ", run.Output);
    }

    [Theory]
    [InlineData("p99<<50ms")]
    [InlineData("p42<50ms")]
    [InlineData("success_ratio>=0.9ms")]
    [InlineData("latency")]
    public async Task Should_exit_2_on_a_check_it_cannot_read(string check)
    {
        var run = await CliRun.RunAsync("--url", "http://127.0.0.1:1", "--events", "10", "--check", check);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--check", run.Error + run.Output);
    }

    [Fact]
    public async Task Should_spread_the_workers_over_every_url_round_robin()
    {
        await using var first = await StallingHost.StartAsync(stallAt: int.MaxValue, stall: TimeSpan.Zero);
        await using var second = await StallingHost.StartAsync(stallAt: int.MaxValue, stall: TimeSpan.Zero);

        var run = await CliRun.RunAsync("--url", first.Url, "--url", second.Url, "--events", "400", "--rate", "800",
            "--concurrency", "4", "--seed", "23", "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(400, first.Puts + second.Puts);
        Assert.InRange(first.Puts, 100, 300);
        Assert.InRange(second.Puts, 100, 300);
        Assert.Equal($"{first.Url}/,{second.Url}/", run.Json().GetProperty("url").GetString());
    }
}
