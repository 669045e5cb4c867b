using Akka.Ingest.Generator.Load;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Akka.Ingest.Generator.Cli;

/// <summary>
/// The generator's command line, callable in-process (tests pass their own writers). Argument problems and an
/// unreachable host are reported on the error writer with exit code 2, before anything is sent.
/// </summary>
public static class GeneratorCli
{
    public const string ApplicationName = "akka-ingest-generator";

    public static Task<int> RunAsync(string[] args, TextWriter output, TextWriter error) =>
        RunAsync(args, output, error, interactive: false, CancellationToken.None);

    /// <param name="interactive">True when <paramref name="output"/> is a terminal: enables the progress bar and colours.</param>
    public static async Task<int> RunAsync(
        string[] args, TextWriter output, TextWriter error, bool interactive, CancellationToken cancellationToken)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = interactive ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = interactive ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = interactive ? InteractionSupport.Yes : InteractionSupport.No,
        });
        if (!interactive)
        {
            // Without a terminal Spectre assumes 80 columns, which folds the help's option table into a thin column.
            console.Profile.Width = 120;
        }

        var app = new CommandApp<LoadCommand>();
        app.WithDescription("Feeds a running Akka.Ingest host with seeded delivered/bounced events over HTTP and " +
                            "reports throughput and latency; --verify checks every domain's counts afterwards.");
        app.Configure(config =>
        {
            config.SetApplicationName(ApplicationName);
            config.ConfigureConsole(console);
            // Parse and validation errors surface here as exceptions, so they get exit code 2 and go to stderr.
            config.PropagateExceptions();
            config.Settings.StrictParsing = true;
            config.Settings.Registrar.RegisterInstance(new CliStreams(console, output, error, interactive));
            config.AddExample("--url", "http://localhost:5080", "--events", "100000", "--concurrency", "256", "--verify");
            config.AddExample("--distribution", "uniform:10000000", "--events", "1000000", "--rate", "50000");
            config.AddExample("--duration", "30s", "--rate", "20000", "--concurrency", "64");
        });

        try
        {
            return await app.RunAsync(args, cancellationToken);
        }
        catch (CommandAppException ex)
        {
            await error.WriteLineAsync($"error: {ex.Message}");
            await error.WriteLineAsync($"Run '{ApplicationName} --help' to see the options.");
            return ExitCodes.Usage;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await error.WriteLineAsync("Interrupted before the run started; nothing was sent.");
            return ExitCodes.Failed;
        }
    }
}
