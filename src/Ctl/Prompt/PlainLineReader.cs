namespace Akka.Ingest.Ctl.Prompt;

/// <summary>
/// Lines from a stream that is not a terminal (a pipe, a file, a test): no prompt is printed and no keys are
/// interpreted, so <c>printf 'actor system\n' | ingestctl</c> prints only the verbs' output.
/// </summary>
public sealed class PlainLineReader(TextReader input) : ILineReader
{
    public string? ReadLine(string prompt) => input.ReadLine();
}
