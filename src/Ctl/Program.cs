using Akka.Ingest.Ctl;
using Spectre.Console;

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    // The first Ctrl-C ends --watch cleanly; the process then exits with the command's code.
    e.Cancel = true;
    stop.Cancel();
};

var errors = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
return await IngestCtl.RunAsync(args, new CtlConsoles(AnsiConsole.Console, errors), stop.Token);
