using Spectre.Console;

namespace Akka.Ingest.Generator.Cli;

/// <summary>Where the CLI writes: the report to <see cref="Output"/>, problems to <see cref="Error"/>.</summary>
/// <param name="Console">Spectre's view of <see cref="Output"/>, for the progress bar and help.</param>
/// <param name="Interactive">True when <see cref="Output"/> is a terminal, so a live progress bar makes sense.</param>
public sealed record CliStreams(IAnsiConsole Console, TextWriter Output, TextWriter Error, bool Interactive);
