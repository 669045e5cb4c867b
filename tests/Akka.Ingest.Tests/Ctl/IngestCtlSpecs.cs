using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Akka.Ingest.Ctl;
using Akka.Ingest.Pipeline.Management;
using Akka.Ingest.Tests.Management;
using Akka.Ingest.Testing;
using Microsoft.Extensions.DependencyInjection;
using Serilog.Events;
using Serilog.Parsing;

namespace Akka.Ingest.Tests.Ctl;

/// <summary>Every ingestctl verb run in-process against a real host started by the fixture.</summary>
[Collection(IngestHostCollection.Name)]
public sealed class IngestCtlSpecs(CtlHostFixture fixture) : IClassFixture<CtlHostFixture>
{
    private Task<(int ExitCode, string Output)> RunAsync(params string[] args) =>
        CapturedConsole.RunAsync([.. args, "--url", fixture.Url]);

    [Fact]
    public async Task Should_render_the_actor_tree_down_to_the_partition_writers()
    {
        var (exitCode, output) = await RunAsync("actor", "hierarchy");

        Assert.Equal(ExitCodes.Ok, exitCode);
        Assert.StartsWith("/user", output);
        foreach (var expected in new[] { "writers", "CommitLanesActor", "lane-0", "lane-1", "CommitLaneActor", "└── lane-1 #" })
            Assert.Contains(expected, output);
    }

    [Fact]
    public async Task Should_start_at_the_given_path_and_count_what_the_depth_leaves_out()
    {
        var (exitCode, output) = await RunAsync("actor", "hierarchy", "-s", "/user", "-d", "1");

        Assert.Equal(ExitCodes.Ok, exitCode);
        Assert.StartsWith("/user", output);
        Assert.Contains("writers", output);
        Assert.DoesNotContain("CommitLaneActor", output);
        Assert.Contains("… 2 more below (raise -d)", output);
    }

    [Fact]
    public async Task Should_show_the_actor_system()
    {
        var (exitCode, output) = await RunAsync("actor", "system");

        Assert.Equal(ExitCodes.Ok, exitCode);
        Assert.Contains("akka://akka-ingest", output);
        Assert.Contains("in-memory", output);
    }

    [Fact]
    public async Task Should_render_pipeline_totals_and_a_row_per_partition()
    {
        var (exitCode, output) = await RunAsync("pipeline", "stats");

        Assert.Equal(ExitCodes.Ok, exitCode);
        Assert.Contains("stream running", output);
        Assert.Contains("accepted 4", output);
        Assert.Contains("committed 4", output);
        Assert.Contains("p99 flush", output);
        Assert.Equal(2, output.Split('\n').Count(line => line.Contains("│ running")));
    }

    [Fact]
    public async Task Should_peek_at_the_newest_log_lines()
    {
        // Straight into this host's ring: in a test process the static Serilog logger may belong to another host.
        var ring = fixture.Host.Services.GetRequiredService<LogRingBuffer>();
        ring.Emit(new LogEvent(DateTimeOffset.UtcNow, LogEventLevel.Warning, null, new MessageTemplateParser().Parse("Peek at me"), []));

        var (exitCode, output) = await RunAsync("log", "peek", "-n", "3");

        Assert.Equal(ExitCodes.Ok, exitCode);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.InRange(lines.Length, 1, 3);
        Assert.All(lines, line => Assert.Matches(@"^\d\d:\d\d:\d\d\.\d{3} (VRB|DBG|INF|WRN|ERR|FTL) ", line));
        Assert.EndsWith("WRN -: Peek at me", lines[^1]);
    }

    [Fact]
    public async Task Should_show_a_domain_normalised_with_its_counts_and_partition()
    {
        var (exitCode, output) = await RunAsync("domain", "show", "CTL.Example.");

        Assert.Equal(ExitCodes.Ok, exitCode);
        Assert.Matches(@"domain\s+ctl\.example", output);
        Assert.Matches(@"delivered\s+3", output);
        Assert.Matches(@"partition\s+[01]", output);
    }

    [Fact]
    public async Task Should_show_the_effective_configuration()
    {
        var (exitCode, output) = await RunAsync("config", "show");

        Assert.Equal(ExitCodes.Ok, exitCode);
        Assert.Matches(@"Ingest:Partitions\s+│ 2", output);
        Assert.Contains("Management:LogCapacity", output);
    }

    [Theory]
    [InlineData("name", "actor", "hierarchy")]
    [InlineData("address", "actor", "system")]
    [InlineData("partitions", "pipeline", "stats")]
    [InlineData("lines", "log", "peek")]
    [InlineData("status", "domain", "show", "ctl.example")]
    [InlineData("settings", "config", "show")]
    public async Task Should_print_json_that_parses_with_json(string property, params string[] verb)
    {
        var (exitCode, output) = await RunAsync([.. verb, "--json"]);

        Assert.Equal(ExitCodes.Ok, exitCode);
        using var json = JsonDocument.Parse(output);
        Assert.True(json.RootElement.TryGetProperty(property, out _), $"'{property}' in {output}");
    }

    [Fact]
    public async Task Should_exit_2_with_a_clear_message_when_the_host_is_unreachable()
    {
        var url = $"http://127.0.0.1:{FreePort()}";

        var (exitCode, output) = await CapturedConsole.RunAsync("pipeline", "stats", "--url", url);

        Assert.Equal(ExitCodes.UsageOrUnreachable, exitCode);
        Assert.StartsWith($"cannot reach {url}: ", output);
    }

    [Theory]
    [InlineData("nonsense")]
    [InlineData("actor", "hierarchy", "-d", "deep")]
    [InlineData("actor", "hierarchy", "-d", "99")]
    [InlineData("pipeline", "stats", "--url", "ftp://example.com")]
    [InlineData("domain", "show")]
    public async Task Should_exit_2_on_bad_arguments(params string[] args)
    {
        var (exitCode, output) = await CapturedConsole.RunAsync(args);

        Assert.Equal(ExitCodes.UsageOrUnreachable, exitCode);
        Assert.StartsWith("error: ", output);
    }

    [Fact]
    public async Task Should_exit_1_with_the_hosts_problem_when_it_refuses()
    {
        var (exitCode, output) = await RunAsync("domain", "show", "no-dot");

        Assert.Equal(ExitCodes.HostError, exitCode);
        Assert.Contains("answered 400 Bad Request: Invalid domain", output);
    }

    [Fact]
    public async Task Should_refresh_pipeline_stats_until_cancelled()
    {
        var console = new CapturedConsole();
        using var stop = new CancellationTokenSource();

        var watching = IngestCtl.RunAsync(["pipeline", "stats", "--watch", "--interval", "0.1", "--url", fixture.Url],
            CtlConsoles.Single(console.Console), stop.Token);
        await Eventually.TrueAsync(() => CountOf(console.Text, "stream running") >= 3, TimeSpan.FromSeconds(20),
            "the stats are drawn again at every interval");
        await stop.CancelAsync();

        Assert.Equal(ExitCodes.Ok, await watching.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    private static int CountOf(string text, string part) => text.Split(part).Length - 1;

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
