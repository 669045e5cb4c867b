using System.ComponentModel;
using Akka.Ingest.Ctl.Client;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Akka.Ingest.Ctl.Commands;

/// <summary><c>log peek [-n N]</c>: the newest log lines the host keeps in memory, oldest first.</summary>
public sealed class LogPeekCommand(CtlConsoles consoles, CtlTarget target) : ManagementCommand<LogPeekCommand.Settings>(consoles, target)
{
    public sealed class Settings : CtlSettings
    {
        [CommandOption("-n|--lines <N>")]
        [Description("How many of the newest lines to show.")]
        [DefaultValue(20)]
        public int Lines { get; init; } = 20;

        public override ValidationResult Validate() =>
            Lines < 1 ? ValidationResult.Error("--lines is at least 1.") : base.Validate();
    }

    protected override async Task<int> RunAsync(ManagementClient client, Settings settings, CancellationToken cancellationToken)
    {
        var path = $"admin/logs?n={settings.Lines}";
        if (settings.Json)
        {
            WriteJson(await client.GetJsonAsync(path, cancellationToken));
            return ExitCodes.Ok;
        }

        var peek = await client.GetAsync<LogPeek>(path, cancellationToken);
        if (!Out.Profile.Capabilities.Ansi)
        {
            // Not a terminal (piped to grep, a file): whole lines, never wrapped at the console width.
            var writer = Out.Profile.Out.Writer;
            foreach (var line in peek.Lines)
            {
                writer.WriteLine($"{line.Timestamp.ToLocalTime():HH:mm:ss.fff} {Abbreviate(line.Level).Level} {line.Source ?? "-"}: {line.Message}");
                if (line.Exception is { } exception)
                    writer.WriteLine(exception);
            }
            writer.Flush();
            return ExitCodes.Ok;
        }

        foreach (var line in peek.Lines)
        {
            var (level, colour) = Abbreviate(line.Level);
            Out.MarkupLine(
                $"[grey]{line.Timestamp.ToLocalTime():HH:mm:ss.fff}[/] [{colour}]{level}[/] " +
                $"[grey]{Markup.Escape(line.Source ?? "-")}:[/] {Markup.Escape(line.Message)}");
            if (line.Exception is { } exception)
                Out.MarkupLine($"[red]{Markup.Escape(exception)}[/]");
        }
        if (peek.Lines.Count == 0)
            Out.MarkupLine("[grey]no log lines kept yet[/]");
        return ExitCodes.Ok;
    }

    private static (string Level, string Colour) Abbreviate(string level) => level switch
    {
        "Verbose" => ("VRB", "grey"),
        "Debug" => ("DBG", "grey"),
        "Information" => ("INF", "green"),
        "Warning" => ("WRN", "yellow"),
        "Error" => ("ERR", "red"),
        "Fatal" => ("FTL", "red bold"),
        _ => (level, "default"),
    };
}
