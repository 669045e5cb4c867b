using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Akka.Ingest.Ctl;
using Akka.Ingest.Ctl.Prompt;
using Akka.Ingest.Testing;
using Akka.Ingest.Tests.Management;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Akka.Ingest.Tests.Ctl;

/// <summary>
/// ingestctl's cluster verbs that change state and <c>cluster tail</c> as far as one host shows them (a malformed
/// address is a usage error, exit 2; a host without a cluster says so, exit 1; the token guards the POSTs),
/// <c>pipeline stats --watch</c> piped (one line per interval with rates and the relay lag), and Tab at the
/// prompt (<see cref="PromptCompletion"/>). The cluster itself is in the integration specs (ClusterCommandSpecs).
/// </summary>
[Collection(IngestHostCollection.Name)]
public sealed partial class ClusterVerbAndWatchSpecs(CtlHostFixture fixture) : IClassFixture<CtlHostFixture>
{
    private const string Member = "akka.tcp://akka-ingest@127.0.0.1:4053";

    [Theory]
    [InlineData("down")]
    [InlineData("leave")]
    [InlineData("join")]
    public async Task Should_refuse_a_malformed_address_as_a_usage_error(string verb)
    {
        foreach (var address in new[] { "nonsense", "127.0.0.1:4053", "akka.tcp://akka-ingest@127.0.0.1", "http://akka-ingest@127.0.0.1:4053" })
        {
            var (exitCode, _) = await CapturedConsole.RunAsync("cluster", verb, address, "--url", fixture.Url);
            Assert.Equal(ExitCodes.UsageOrUnreachable, exitCode);
        }
    }

    [Theory]
    [InlineData("down")]
    [InlineData("leave")]
    [InlineData("join")]
    [InlineData("tail")]
    [InlineData("down", "akka.ssl.tcp://akka-ingest@127.0.0.1:4053")] // a member's address when the cluster runs TLS
    public async Task Should_say_when_the_host_runs_without_a_cluster(string verb, string member = Member)
    {
        string[] args = verb == "tail" ? ["cluster", "tail"] : ["cluster", verb, member];
        var console = new CapturedConsole();

        var exitCode = await IngestCtl.RunAsync([.. args, "--url", fixture.Url], CtlConsoles.Single(console.Console));

        Assert.Equal(ExitCodes.HostError, exitCode);
        Assert.Contains("Not clustered", console.Text);
    }

    [Fact]
    public async Task Should_guard_the_cluster_verbs_with_the_token()
    {
        const string token = "cluster-verbs-token";
        await using var host = await IngestHost.StartAsync([$"--Management:Token={token}"],
            services => services.AddSingleton<IStartupFilter>(new RemoteAddressStartupFilter(IPAddress.Parse("192.0.2.10"))));

        foreach (var verb in new[] { "down", "leave", "join" })
        {
            using var refused = await host.Management.PostAsJsonAsync($"/admin/cluster/{verb}", new { address = Member });
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        }
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.Management.GetAsync("/admin/cluster/events")).StatusCode);

        var url = host.ManagementAddress.ToString().TrimEnd('/');
        Assert.Equal(ExitCodes.HostError, (await CapturedConsole.RunAsync("cluster", "down", Member, "--url", url)).ExitCode);
        var (withToken, output) = await CapturedConsole.RunAsync("cluster", "down", Member, "--url", url, "--token", token);
        Assert.Equal(ExitCodes.HostError, withToken);
        Assert.DoesNotContain("token", output, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Should_write_one_line_per_interval_with_rates_and_relay_lag_when_piped()
    {
        var console = new CapturedConsole();
        using var stop = new CancellationTokenSource();
        var watching = IngestCtl.RunAsync(["pipeline", "stats", "--watch", "--interval", "0.2", "--url", fixture.Url],
            CtlConsoles.Single(console.Console), stop.Token);

        await Eventually.TrueAsync(() => StatsLines(console.Text).Count >= 2, TimeSpan.FromSeconds(20), "two lines are written");
        for (var i = 0; i < 20; i++)
            (await fixture.Host.Client.PutAsync($"/events/watch{i}.example/delivered", null)).EnsureSuccessStatusCode();
        await Eventually.TrueAsync(() => StatsLines(console.Text).Any(m => m.Groups["committed"].Value is not "-" and not "0.0"),
            TimeSpan.FromSeconds(20), "a line shows a committed rate above zero");
        await stop.CancelAsync();

        Assert.Equal(ExitCodes.Ok, await watching.WaitAsync(TimeSpan.FromSeconds(10)));
        var lines = console.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.All(lines, line => Assert.Matches(StatsLine(), line));
        Assert.Equal("-", StatsLines(console.Text)[0].Groups["committed"].Value);
        Assert.DoesNotContain('\u001b', console.Text);
    }

    [Theory]
    [InlineData("pi", "pipeline ")]
    [InlineData("clu", "cluster")]
    [InlineData("cluster d", "cluster down ")]
    [InlineData("cluster-s", "cluster-sharding ")]
    [InlineData("log l", "log level ")]
    [InlineData("log level De", "log level Debug ")]
    [InlineData("pipeline stats --w", "pipeline stats --watch ")]
    [InlineData("ex", "exit ")]
    [InlineData("nonsense", "nonsense")]
    public void Should_complete_a_word_with_Tab(string typed, string completed)
    {
        Assert.Equal((completed, 0), (PromptCompletion.Complete(typed).Line, PromptCompletion.Complete(typed).Listed.Count));
    }

    [Fact]
    public void Should_list_the_choices_when_Tab_cannot_complete_further()
    {
        var (line, listed) = PromptCompletion.Complete("cluster ");

        Assert.Equal("cluster ", line);
        Assert.Equal(["down", "join", "leave", "show", "tail"], listed);
    }

    private static List<Match> StatsLines(string text) => StatsLine().Matches(text).ToList();

    [GeneratedRegex(@"^\d\d:\d\d:\d\d  stream running  queued \d+  accepted \d+ \((?:-|[\d.]+)/s\)  committed \d+ \((?<committed>-|[\d.]+)/s\)  rejected \d+ \((?:-|[\d.]+)/s\)  relay lag (?:\d+|-)\s*$", RegexOptions.Multiline)]
    private static partial Regex StatsLine();
}
