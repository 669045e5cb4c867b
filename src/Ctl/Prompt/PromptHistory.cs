namespace Akka.Ingest.Ctl.Prompt;

/// <summary>The lines run in this prompt session, oldest first; a line equal to the one before is kept once.</summary>
public sealed class PromptHistory
{
    private readonly List<string> _lines = [];

    public int Count => _lines.Count;

    public string this[int index] => _lines[index];

    public IReadOnlyList<string> Lines => _lines;

    public void Add(string line)
    {
        if (line.Length > 0 && (_lines.Count == 0 || _lines[^1] != line))
            _lines.Add(line);
    }
}
