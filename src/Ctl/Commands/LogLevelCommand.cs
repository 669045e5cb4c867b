using System.ComponentModel;
using System.Text.Json;
using Akka.Ingest.Ctl.Client;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Akka.Ingest.Ctl.Commands;

/// <summary>
/// <c>log level [LEVEL]</c>: the host's minimum log level, or, given a level, sets it while the host runs
/// (<c>PUT /admin/log-level</c>; back to the configured level at the next start).
/// </summary>
public sealed class LogLevelCommand(CtlConsoles consoles, CtlTarget target) : ManagementCommand<LogLevelCommand.Settings>(consoles, target)
{
    public static readonly IReadOnlyList<string> Levels = ["Verbose", "Debug", "Information", "Warning", "Error", "Fatal"];

    public sealed class Settings : CtlSettings
    {
        [CommandArgument(0, "[LEVEL]")]
        [Description("Verbose, Debug, Information, Warning, Error or Fatal; without it, show the current level.")]
        public string? Level { get; init; }

        public override ValidationResult Validate() =>
            Level is not null && !Levels.Contains(Level, StringComparer.OrdinalIgnoreCase)
                ? ValidationResult.Error($"LEVEL is one of {string.Join(", ", Levels)}.")
                : base.Validate();
    }

    protected override async Task<int> RunAsync(ManagementClient client, Settings settings, CancellationToken cancellationToken)
    {
        var json = settings.Level is { } level
            ? await client.SendJsonAsync(HttpMethod.Put, "admin/log-level", new { level = Levels.First(l => l.Equals(level, StringComparison.OrdinalIgnoreCase)) }, cancellationToken)
            : await client.GetJsonAsync("admin/log-level", cancellationToken);
        if (settings.Json)
        {
            WriteJson(json);
            return ExitCodes.Ok;
        }

        var view = JsonSerializer.Deserialize<LogLevelAnswer>(json, ManagementClient.Json)!;
        var line = view.Previous is { } previous && previous != view.Level ? $"{view.Level} (was {previous})" : view.Level;
        Out.Profile.Out.Writer.WriteLine(line);
        Out.Profile.Out.Writer.Flush();
        return ExitCodes.Ok;
    }

    private sealed record LogLevelAnswer(string Level, string? Previous);
}
