using System.Text.RegularExpressions;

namespace Akka.Ingest.Tests.Dashboard;

/// <summary>
/// Pulls the metric names out of a PromQL expression: what is left once strings, label matchers, ranges,
/// grouping clauses, function calls, keywords and numbers are set aside. Enough for the queries of a dashboard.
/// </summary>
public static partial class PromQl
{
    private static readonly HashSet<string> Keywords =
        ["and", "or", "unless", "offset", "bool", "by", "without", "on", "ignoring", "group_left", "group_right", "inf", "nan"];

    public static IReadOnlySet<string> MetricNames(string expression)
    {
        var text = Strings().Replace(expression, "\"\"");
        text = LabelMatchers().Replace(text, " ");
        text = Ranges().Replace(text, " ");
        text = Grouping().Replace(text, " ");
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (Match match in Identifiers().Matches(text))
        {
            if (!Keywords.Contains(match.Value.ToLowerInvariant()))
                names.Add(match.Value);
        }
        return names;
    }

    [GeneratedRegex("\"(?:[^\"\\\\]|\\\\.)*\"")]
    private static partial Regex Strings();

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex LabelMatchers();

    [GeneratedRegex(@"\[[^\]]*\]")]
    private static partial Regex Ranges();

    [GeneratedRegex(@"\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)")]
    private static partial Regex Grouping();

    // An identifier not part of a number or a $variable, and not a function (followed by an opening parenthesis).
    [GeneratedRegex(@"(?<![\w$.])[a-zA-Z_:][a-zA-Z0-9_:]*(?![\w(])(?!\s*\()")]
    private static partial Regex Identifiers();
}
