namespace Akka.Ingest.Ctl.Prompt;

/// <summary>
/// What Tab offers at the prompt: the verbs, then each verb's sub-verbs, then its options (the same words the
/// bash and zsh completion scripts offer), plus the prompt's own <c>help</c>, <c>history</c> and <c>exit</c>.
/// </summary>
public static class PromptCompletion
{
    private static readonly string[] Common = ["--json", "--token", "--timeout", "--help"];

    private static readonly Dictionary<string, string[]> SubVerbs = new(StringComparer.Ordinal)
    {
        ["actor"] = ["hierarchy", "system"],
        ["pipeline"] = ["stats"],
        ["log"] = ["peek", "level"],
        ["domain"] = ["show"],
        ["config"] = ["show"],
        ["cluster"] = ["show", "tail", "down", "leave", "join"],
        ["cluster-sharding"] = ["region-stats"],
        ["completion"] = ["bash", "zsh"],
        ["health"] = [],
    };

    private static readonly Dictionary<string, string[]> Options = new(StringComparer.Ordinal)
    {
        ["actor hierarchy"] = ["-d", "--depth", "-s", "--start", "--flat", "--tree"],
        ["pipeline stats"] = ["-w", "--watch", "-i", "--interval"],
        ["log peek"] = ["-n", "--lines"],
        ["log level"] = ["Verbose", "Debug", "Information", "Warning", "Error", "Fatal"],
    };

    private static readonly string[] PromptWords = ["help", "history", "exit", "quit"];

    /// <summary>The words that could complete the last word of <paramref name="line"/> (all of it up to the cursor).</summary>
    public static IReadOnlyList<string> Candidates(string line)
    {
        var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        var partial = line.Length == 0 || line.EndsWith(' ') ? "" : words[^1];
        if (partial.Length > 0)
            words.RemoveAt(words.Count - 1);

        IEnumerable<string> pool = words.Count switch
        {
            0 => SubVerbs.Keys.Concat(PromptWords),
            1 when SubVerbs.TryGetValue(words[0], out var subs) => subs.Length > 0 ? subs : Common,
            1 => [],
            _ when SubVerbs.ContainsKey(words[0]) =>
                (Options.TryGetValue($"{words[0]} {words[1]}", out var options) ? options : []).Concat(Common),
            _ => [],
        };
        return pool.Where(w => w.StartsWith(partial, StringComparison.Ordinal)).Distinct().Order(StringComparer.Ordinal).ToArray();
    }

    /// <summary>
    /// Tab on <paramref name="line"/>: one candidate completes the word (and adds a space); several extend it to
    /// what they share, or, when they share no more, are returned to be listed.
    /// </summary>
    public static (string Line, IReadOnlyList<string> Listed) Complete(string line)
    {
        var candidates = Candidates(line);
        var partial = line.Length == 0 || line.EndsWith(' ') ? "" : line.Split(' ')[^1];
        var stem = line[..^partial.Length];
        if (candidates.Count == 0)
            return (line, []);
        if (candidates.Count == 1)
            return (stem + candidates[0] + " ", []);
        var shared = candidates.Aggregate((a, b) => a[..a.Zip(b).TakeWhile(p => p.First == p.Second).Count()]);
        return shared.Length > partial.Length ? (stem + shared, []) : (line, candidates);
    }
}
