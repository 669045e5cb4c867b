using System.Diagnostics;
using Akka.Ingest.Ctl;

namespace Akka.Ingest.Tests.Ctl;

/// <summary>The shell completion scripts: printed as committed, and bash's completes verbs after an address.</summary>
public sealed class CompletionSpecs
{
    private static readonly string CompletionFolder = RepositoryFiles.PathOf("src/Ctl/Completion");

    [Theory]
    [InlineData("bash", "ingestctl.bash")]
    [InlineData("zsh", "_ingestctl")]
    public async Task Should_print_the_committed_script(string shell, string file)
    {
        var console = new CapturedConsole();

        var exitCode = await IngestCtl.RunAsync(["completion", shell], CtlConsoles.Single(console.Console));

        Assert.Equal(ExitCodes.Ok, exitCode);
        Assert.Equal(await File.ReadAllTextAsync(Path.Combine(CompletionFolder, file)), console.Text);
    }

    [Theory]
    [InlineData("ingestctl ", "actor cluster cluster-sharding completion config domain health log pipeline")]
    [InlineData("ingestctl 127.0.0.1:9110 ", "actor cluster cluster-sharding completion config domain health log pipeline")]
    [InlineData("ingestctl 127.0.0.1:9110 actor ", "hierarchy system")]
    [InlineData("ingestctl actor hi", "hierarchy")]
    [InlineData("ingestctl 127.0.0.1:9110 actor hierarchy --f", "--flat")]
    [InlineData("ingestctl actor hierarchy -s /user/w", "/user/writers")]
    [InlineData("ingestctl completion ", "bash zsh")]
    public async Task Should_complete_verbs_and_options_in_bash(string line, string expected)
    {
        var script = Path.Combine(CompletionFolder, "ingestctl.bash");
        var probe = $"source '{script}'; COMP_LINE='{line}'; COMP_POINT=${{#COMP_LINE}}; _ingestctl; " +
                    "printf '%s\\n' \"${COMPREPLY[@]}\" | grep -v '^-' | sort | tr '\\n' ' '";
        if (expected.StartsWith('-'))
            probe = probe.Replace(" | grep -v '^-'", "");

        var info = new ProcessStartInfo("bash", ["--norc", "-c", probe]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var bash = Process.Start(info)!;
        var output = await bash.StandardOutput.ReadToEndAsync();
        await bash.WaitForExitAsync();

        Assert.Equal(0, bash.ExitCode);
        Assert.Equal(expected, output.Trim());
    }

    [Fact]
    public async Task Should_offer_every_verb_the_help_lists()
    {
        var (_, help) = await CapturedConsole.RunAsync("--help");
        var verbs = help[help.IndexOf("COMMANDS:", StringComparison.Ordinal)..]
            .Split('\n').Skip(1)
            .Select(line => line.Trim().Split(' ')[0])
            .Where(verb => verb.Length > 0)
            .ToList();
        var bash = await File.ReadAllTextAsync(Path.Combine(CompletionFolder, "ingestctl.bash"));
        var zsh = await File.ReadAllTextAsync(Path.Combine(CompletionFolder, "_ingestctl"));

        Assert.Contains("health", verbs);
        Assert.All(verbs, verb => Assert.Contains(verb, bash));
        Assert.All(verbs, verb => Assert.Contains(verb, zsh));
    }
}
