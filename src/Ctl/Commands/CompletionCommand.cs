using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Akka.Ingest.Ctl.Commands;

/// <summary>
/// <c>completion bash|zsh</c>: prints the shell completion script shipped in <c>src/Ctl/Completion</c>, so
/// <c>source &lt;(ingestctl completion bash)</c> works wherever the tool is installed.
/// </summary>
public sealed class CompletionCommand(CtlConsoles consoles) : Command<CompletionCommand.Settings>
{
    public static readonly IReadOnlyDictionary<string, string> Scripts = new Dictionary<string, string>
    {
        ["bash"] = "ingestctl.bash",
        ["zsh"] = "_ingestctl",
    };

    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "<SHELL>")]
        [Description("bash or zsh.")]
        public string Shell { get; init; } = "";

        public override ValidationResult Validate() =>
            Scripts.ContainsKey(Shell) ? ValidationResult.Success() : ValidationResult.Error($"completion is for bash or zsh, not '{Shell}'.");
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var writer = consoles.Out.Profile.Out.Writer;
        writer.Write(Read(settings.Shell));
        writer.Flush();
        return ExitCodes.Ok;
    }

    /// <summary>The script for <paramref name="shell"/>, embedded from the committed file.</summary>
    public static string Read(string shell)
    {
        using var stream = typeof(CompletionCommand).Assembly.GetManifestResourceStream($"Completion/{Scripts[shell]}")
            ?? throw new InvalidOperationException($"The {shell} completion script is not embedded.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
