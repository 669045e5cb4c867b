using Spectre.Console;

namespace Akka.Ingest.Ctl;

/// <summary>Where ingestctl writes: results to <see cref="Out"/>, failures to <see cref="Error"/> (stdout and stderr).</summary>
public sealed record CtlConsoles(IAnsiConsole Out, IAnsiConsole Error)
{
    /// <summary>Both streams to one console, as a test captures them.</summary>
    public static CtlConsoles Single(IAnsiConsole console) => new(console, console);
}
