namespace Akka.Ingest.Ctl.Prompt;

/// <summary>Splits a prompt line into arguments as a shell would for plain words: blanks separate, quotes group.</summary>
public static class CommandLineSplitter
{
    /// <summary>The arguments of <paramref name="line"/>; null with <paramref name="error"/> when a quote is not closed.</summary>
    public static IReadOnlyList<string>? Split(string line, out string? error)
    {
        var arguments = new List<string>();
        var current = new System.Text.StringBuilder();
        var inWord = false;
        char? quote = null;
        foreach (var c in line)
        {
            if (quote is { } open)
            {
                if (c == open)
                    quote = null;
                else
                    current.Append(c);
            }
            else if (c is '"' or '\'')
            {
                quote = c;
                inWord = true;
            }
            else if (char.IsWhiteSpace(c))
            {
                if (inWord)
                    arguments.Add(current.ToString());
                current.Clear();
                inWord = false;
            }
            else
            {
                current.Append(c);
                inWord = true;
            }
        }

        if (quote is not null)
        {
            error = $"unclosed {quote} quote";
            return null;
        }
        if (inWord)
            arguments.Add(current.ToString());
        error = null;
        return arguments;
    }
}
