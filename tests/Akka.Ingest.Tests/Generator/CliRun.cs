using System.Text.Json;
using Akka.Ingest.Generator.Cli;

namespace Akka.Ingest.Tests.Generator;

/// <summary>One in-process run of the generator CLI, with what it printed.</summary>
public sealed record CliRun(int ExitCode, string Output, string Error)
{
    public static async Task<CliRun> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exitCode = await GeneratorCli.RunAsync(args, output, error);
        return new CliRun(exitCode, output.ToString(), error.ToString());
    }

    public JsonElement Json() => JsonDocument.Parse(Output).RootElement;

    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Output}\n--- stderr\n{Error}";
}
