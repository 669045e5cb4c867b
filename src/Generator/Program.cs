using Akka.Ingest.Generator.Cli;

using var interrupt = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    // The first Ctrl+C stops sending and still prints the report; a second one ends the process.
    if (interrupt.IsCancellationRequested)
        return;
    e.Cancel = true;
    interrupt.Cancel();
};

return await GeneratorCli.RunAsync(args, Console.Out, Console.Error, interactive: !Console.IsOutputRedirected, interrupt.Token);
