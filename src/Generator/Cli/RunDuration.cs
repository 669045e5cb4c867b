using System.Globalization;
using System.Text.RegularExpressions;

namespace Akka.Ingest.Generator.Cli;

/// <summary>
/// A run length as wrk, bombardier and k6 write it: <c>30s</c>, <c>2m</c>, <c>1h</c>, <c>500ms</c>, or a plain
/// number of seconds; more than zero and at most a day.
/// </summary>
public static partial class RunDuration
{
    public static readonly TimeSpan Max = TimeSpan.FromDays(1);

    public static bool TryParse(string text, out TimeSpan duration)
    {
        duration = default;
        var match = Pattern().Match(text.Trim());
        if (!match.Success || !double.TryParse(match.Groups["value"].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            return false;
        var seconds = match.Groups["unit"].Value switch
        {
            "ms" => value / 1000,
            "" or "s" => value,
            "m" => value * 60,
            "h" => value * 3600,
            _ => double.NaN,
        };
        if (!(seconds > 0 && seconds <= Max.TotalSeconds))
            return false;
        duration = TimeSpan.FromSeconds(seconds);
        return true;
    }

    [GeneratedRegex(@"^(?<value>\d+(\.\d+)?)(?<unit>ms|s|m|h)?$")]
    private static partial Regex Pattern();
}
