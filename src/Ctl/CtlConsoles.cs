using Spectre.Console;

namespace Akka.Ingest.Ctl;

/// <summary>
/// Where ingestctl writes: results to <see cref="Out"/>, failures to <see cref="Error"/> (stdout and stderr).
/// <see cref="OutIsTerminal"/> is false when stdout is piped or redirected: verbs then print grep-able lines
/// (one actor path per line) instead of trees.
/// </summary>
public sealed record CtlConsoles(IAnsiConsole Out, IAnsiConsole Error, bool OutIsTerminal = true)
{
    /// <summary>Both streams to one console, as a test captures them.</summary>
    public static CtlConsoles Single(IAnsiConsole console, bool outIsTerminal = true) => new(console, console, outIsTerminal);
}
