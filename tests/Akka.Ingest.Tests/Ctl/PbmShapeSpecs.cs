using System.Net;
using System.Net.Sockets;
using Akka.Ingest.Ctl;
using Akka.Ingest.Ctl.Prompt;
using Akka.Ingest.Tests.Management;

namespace Akka.Ingest.Tests.Ctl;

/// <summary>ingestctl in pbm's shape: the address first, paths one per line, the interactive prompt.</summary>
[Collection(IngestHostCollection.Name)]
public sealed class PbmShapeSpecs(CtlHostFixture fixture) : IClassFixture<CtlHostFixture>
{
    private const string WriterPath = "/user/writers/lane-0";

    private string HostPort => fixture.Host.ManagementAddress.Authority;

    [Fact]
    public async Task Should_take_the_address_first_as_pbm_does()
    {
        var (exitCode, output) = await CapturedConsole.RunAsync(HostPort, "actor", "system");

        Assert.Equal(ExitCodes.Ok, exitCode);
        Assert.Contains("akka://akka-ingest", output);
    }

    [Fact]
    public async Task Should_list_one_full_actor_path_per_line_with_flat()
    {
        var (exitCode, output) = await CapturedConsole.RunAsync(HostPort, "actor", "hierarchy", "--flat");

        Assert.Equal(ExitCodes.Ok, exitCode);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("/user", lines[0]);
        Assert.Contains(WriterPath, lines);
        Assert.Contains("/user/writers/lane-1", lines);
        Assert.All(lines, line => Assert.Matches("^/user(/[^/ ]+)*$", line));
    }

    [Fact]
    public async Task Should_list_paths_when_output_is_not_a_terminal_and_the_tree_when_asked()
    {
        var piped = new CapturedConsole();
        var flat = await IngestCtl.RunAsync([HostPort, "actor", "hierarchy"], CtlConsoles.Single(piped.Console, outIsTerminal: false));
        var forced = new CapturedConsole();
        var tree = await IngestCtl.RunAsync([HostPort, "actor", "hierarchy", "--tree"], CtlConsoles.Single(forced.Console, outIsTerminal: false));

        Assert.Equal(ExitCodes.Ok, flat);
        Assert.Contains(WriterPath + "\n", piped.Text);
        Assert.Equal(ExitCodes.Ok, tree);
        Assert.DoesNotContain(WriterPath, forced.Text);
        Assert.Contains("└── lane-1 #", forced.Text);
    }

    [Theory]
    [InlineData("nohost:port", "actor", "system")]
    [InlineData("127.0.0.1:9110", "actor", "system", "--url", "http://127.0.0.1:9110")]
    [InlineData("ftp://127.0.0.1:21", "actor", "system")]
    [InlineData("actor", "hierarchy", "--flat", "--tree")]
    [InlineData("completion", "fish")]
    public async Task Should_exit_2_on_a_bad_address_or_option(params string[] args)
    {
        var (exitCode, output) = await CapturedConsole.RunAsync(args);

        Assert.Equal(ExitCodes.UsageOrUnreachable, exitCode);
        Assert.StartsWith("error: ", output);
    }

    [Fact]
    public async Task Should_name_the_address_given_first_when_it_cannot_be_reached()
    {
        var port = FreePort();

        var (exitCode, output) = await CapturedConsole.RunAsync($"127.0.0.1:{port}", "actor", "system", "--timeout", "2");

        Assert.Equal(ExitCodes.UsageOrUnreachable, exitCode);
        Assert.StartsWith($"cannot reach http://127.0.0.1:{port}: ", output);
    }

    [Fact]
    public void Should_default_to_the_management_port_on_loopback() =>
        Assert.Equal(new Uri("http://127.0.0.1:9110/"), CtlTarget.Default.Address);

    [Fact]
    public async Task Should_run_verbs_from_the_prompt_until_exit_and_keep_their_history()
    {
        var console = new CapturedConsole();
        var lines = new StringReader($"actor hierarchy --flat\n\nhistory\nexit\nactor system\n");

        var exitCode = await IngestCtl.RunAsync([HostPort], CtlConsoles.Single(console.Console),
            new CtlInterrupts(CancellationToken.None), new PlainLineReader(lines));

        Assert.Equal(ExitCodes.Ok, exitCode);
        Assert.Contains(WriterPath, console.Text);
        Assert.Matches(@"1  actor hierarchy --flat\n\s+2  history\n", console.Text);
        Assert.DoesNotContain("akka://akka-ingest", console.Text);
    }

    [Fact]
    public async Task Should_keep_prompting_after_a_verb_fails()
    {
        var console = new CapturedConsole();
        var lines = new StringReader("domain show 'no-dot\nnonsense\n127.0.0.1:1 actor system\nactor system\n");

        var exitCode = await IngestCtl.RunAsync(["--url", fixture.Url], CtlConsoles.Single(console.Console),
            new CtlInterrupts(CancellationToken.None), new PlainLineReader(lines));

        Assert.Equal(ExitCodes.Ok, exitCode);
        Assert.Contains("error: unclosed ' quote", console.Text);
        Assert.Contains("error: Unknown command 'nonsense'", console.Text);
        Assert.Contains("type the verb alone", console.Text);
        Assert.Contains("akka://akka-ingest", console.Text);
    }

    [Fact]
    public async Task Should_prompt_with_the_address_and_recall_history_with_the_up_arrow_on_a_terminal()
    {
        await using var terminal = PseudoTerminal.Start("dotnet", Path.Combine(AppContext.BaseDirectory, "ingestctl.dll"), HostPort);
        var prompt = $"[{HostPort}] ingestctl> ";

        await terminal.WaitForAsync(screen => screen.Contains(prompt), "the prompt names the address");
        await terminal.TypeAsync("actor hierarchy --flat\r");
        await terminal.WaitForAsync(screen => CountOf(screen, WriterPath) == 1 && screen.LastIndexOf(prompt) > screen.IndexOf(WriterPath),
            "the verb runs and the prompt comes back");
        await terminal.TypeAsync("\u001b[A");
        await terminal.WaitForAsync(screen => screen.EndsWith(prompt + "actor hierarchy --flat\u001b[K", StringComparison.Ordinal),
            "the up arrow brings the last line back");
        await terminal.TypeAsync("\r");
        await terminal.WaitForAsync(screen => CountOf(screen, WriterPath) == 2 && screen.LastIndexOf(prompt) > screen.LastIndexOf(WriterPath),
            "the recalled line runs again");
        await terminal.TypeAsync("exit\r");

        Assert.Equal(ExitCodes.Ok, await terminal.WaitForExitAsync(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task Should_complete_verbs_with_Tab_on_a_terminal()
    {
        await using var terminal = PseudoTerminal.Start("dotnet", Path.Combine(AppContext.BaseDirectory, "ingestctl.dll"), HostPort);
        var prompt = $"[{HostPort}] ingestctl> ";

        await terminal.WaitForAsync(screen => screen.Contains(prompt), "the prompt names the address");
        await terminal.TypeAsync("acto\t");
        await terminal.WaitForAsync(screen => screen.EndsWith(prompt + "actor \u001b[K", StringComparison.Ordinal), "Tab completes the verb");
        await terminal.TypeAsync("\t");
        await terminal.WaitForAsync(screen => screen.Contains("hierarchy  system"), "a second Tab lists the sub-verbs");
        await terminal.TypeAsync("sy\t\r");
        await terminal.WaitForAsync(screen => screen.Contains("akka://akka-ingest"), "the completed line runs");
        await terminal.TypeAsync("exit\r");

        Assert.Equal(ExitCodes.Ok, await terminal.WaitForExitAsync(TimeSpan.FromSeconds(30)));
    }

    private static int CountOf(string text, string part) => text.Split(part).Length - 1;

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
