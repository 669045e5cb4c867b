using Spectre.Console;

namespace Akka.Ingest.Ctl.Prompt;

/// <summary>
/// <c>ingestctl [host:port]</c> without a verb: a prompt (<c>[127.0.0.1:9110] ingestctl&gt;</c>) that runs verbs
/// against that host until <c>exit</c>, <c>quit</c> or the end of input. <c>history</c> lists the lines run;
/// options given at start (<c>--token</c>, <c>--timeout</c>) apply to every verb.
/// </summary>
public sealed class InteractivePrompt(
    CtlTarget target,
    IReadOnlyList<string> options,
    CtlConsoles consoles,
    ILineReader reader,
    PromptHistory history,
    Func<string[], CancellationToken, Task<int>> runVerb)
{
    public string Prompt => $"[{target.Label}] ingestctl> ";

    public async Task<int> RunAsync(CtlInterrupts interrupts)
    {
        while (!interrupts.Stopped)
        {
            var line = reader.ReadLine(Prompt)?.Trim();
            if (line is null)
                return ExitCodes.Ok;
            if (line.Length == 0)
                continue;
            history.Add(line);
            switch (line)
            {
                case "exit" or "quit":
                    return ExitCodes.Ok;
                case "history":
                    for (var i = 0; i < history.Count; i++)
                        consoles.Out.WriteLine($"{i + 1,4}  {history[i]}");
                    continue;
                case "help":
                    await runVerb(["--help"], interrupts.Next());
                    consoles.Out.WriteLine("At this prompt: a verb without 'ingestctl' and the address, 'history', 'exit'.");
                    continue;
            }

            var arguments = CommandLineSplitter.Split(line, out var error);
            if (arguments is null)
            {
                consoles.Error.MarkupLineInterpolated($"[red]error:[/] {error}");
                continue;
            }
            if (arguments[0] == "ingestctl" || CtlTarget.LooksLikeAddress(arguments[0]))
            {
                consoles.Error.MarkupLineInterpolated(
                    $"[red]error:[/] type the verb alone; this prompt talks to {target.Label} (start ingestctl with another address to change it).");
                continue;
            }
            string[] verb = arguments[0] is "completion" || arguments.Contains("--help") || arguments.Contains("-h")
                ? [.. arguments]
                : [.. arguments, .. options];
            await runVerb(verb, interrupts.Next());
        }
        return ExitCodes.Ok;
    }
}
