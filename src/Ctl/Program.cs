using Akka.Ingest.Ctl;
using Spectre.Console;

// The first Ctrl-C ends the running verb (--watch) cleanly: the process then exits with its code, and the
// interactive prompt goes on.
var interrupts = new CtlInterrupts(CancellationToken.None);
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    interrupts.Interrupt();
};

var errors = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
return await IngestCtl.RunAsync(args, new CtlConsoles(AnsiConsole.Console, errors, OutIsTerminal: !Console.IsOutputRedirected), interrupts);
