namespace Akka.Ingest.Ctl.Prompt;

/// <summary>Where the interactive prompt gets its lines: a terminal with editing and history, or plain text.</summary>
public interface ILineReader
{
    /// <summary>The next line, or null at the end of input (Ctrl-D on an empty line, end of the stream).</summary>
    string? ReadLine(string prompt);
}
