using System.Text;
using Akka.Ingest.Ctl;
using Spectre.Console;

namespace Akka.Ingest.Tests.Ctl;

/// <summary>
/// A plain (no ANSI, no colour), wide console whose output a spec can read while a command still writes to it
/// (<c>--watch</c>), and a way to run ingestctl against it.
/// </summary>
public sealed class CapturedConsole
{
    private readonly LockedWriter _writer = new();

    public CapturedConsole(int width = 160)
    {
        Console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(_writer),
        });
        Console.Profile.Width = width;
    }

    public IAnsiConsole Console { get; }

    public string Text => _writer.Snapshot();

    public static async Task<(int ExitCode, string Output)> RunAsync(params string[] args)
    {
        var console = new CapturedConsole();
        var exitCode = await IngestCtl.RunAsync(args, CtlConsoles.Single(console.Console));
        return (exitCode, console.Text);
    }

    private sealed class LockedWriter : StringWriter
    {
        private readonly Lock _lock = new();

        public override Encoding Encoding => Encoding.UTF8;

        public override void Write(char value)
        {
            lock (_lock)
                base.Write(value);
        }

        public override void Write(string? value)
        {
            lock (_lock)
                base.Write(value);
        }

        public override void Write(char[] buffer, int index, int count)
        {
            lock (_lock)
                base.Write(buffer, index, count);
        }

        public string Snapshot()
        {
            lock (_lock)
                return ToString();
        }
    }
}
