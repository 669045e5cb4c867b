using System.Globalization;
using System.Text.RegularExpressions;

namespace Akka.Ingest.Generator.Load;

/// <summary>
/// A pass/fail condition on a run's report, as k6's thresholds: <c>p99&lt;50ms</c>, <c>p99.9&lt;=0.2s</c>,
/// <c>mean&lt;10ms</c>, <c>success_ratio&gt;=0.999</c>, <c>rate&gt;=900</c> (achieved requests per second).
/// Latency statistics: min, mean, p50, p90, p95, p99, p99.9, max, in ms (default), s or us.
/// </summary>
public sealed partial record LoadCheck(string Text, string Statistic, string Operator, double Limit)
{
    public static bool TryParse(string text, out LoadCheck? check, out string error)
    {
        check = null;
        var match = Pattern().Match(text.Replace(" ", "", StringComparison.Ordinal));
        if (!match.Success)
        {
            error = $"--check '{text}' is not STATISTIC<LIMIT (e.g. p99<50ms, success_ratio>=0.999, rate>=900).";
            return false;
        }
        var statistic = match.Groups["statistic"].Value.ToLowerInvariant();
        var value = double.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture);
        var unit = match.Groups["unit"].Value.ToLowerInvariant();
        var isLatency = new LatencySummary(0, 0, 0, 0, 0, 0, 0, 0, 0).Named(statistic) is not null;
        if (!isLatency && statistic is not ("success_ratio" or "rate"))
        {
            error = $"--check '{text}': unknown statistic '{statistic}' (min, mean, p50, p90, p95, p99, p99.9, max, success_ratio, rate).";
            return false;
        }
        if (!isLatency && unit.Length > 0)
        {
            error = $"--check '{text}': {statistic} takes a plain number, not '{unit}'.";
            return false;
        }
        var limit = unit switch
        {
            "s" => value * 1000,
            "us" => value / 1000,
            _ => value,
        };
        check = new LoadCheck(text, statistic, match.Groups["operator"].Value, limit);
        error = "";
        return true;
    }

    /// <summary>The measured value this check reads from <paramref name="report"/>.</summary>
    public double Measure(LoadReport report) => Statistic switch
    {
        "success_ratio" => report.SuccessRatio,
        "rate" => report.AchievedRate,
        _ => report.Latency.Named(Statistic)!.Value,
    };

    public bool Holds(double measured) => Operator switch
    {
        "<" => measured < Limit,
        "<=" => measured <= Limit,
        ">" => measured > Limit,
        _ => measured >= Limit,
    };

    [GeneratedRegex(@"^(?<statistic>[a-z_]+[0-9.]*)(?<operator><=|>=|<|>)(?<value>[0-9]+(\.[0-9]+)?)(?<unit>ms|s|us)?$", RegexOptions.IgnoreCase)]
    private static partial Regex Pattern();
}

/// <summary>A check as evaluated: the value measured and whether it held.</summary>
public sealed record LoadCheckResult(string Check, double Measured, bool Passed);
