using System.Globalization;
using System.Text.RegularExpressions;

namespace Akka.Ingest.Testing;

/// <summary>
/// One histogram read from a Prometheus text scrape, its series that carry every given label summed: how many
/// observations fell at or below each bucket bound. What the host itself measured, free of the test process's
/// own scheduling (a loaded client measures its thread pool's queue too).
/// </summary>
public sealed partial class ScrapedHistogram
{
    private readonly SortedDictionary<double, long> _atMost;

    private ScrapedHistogram(SortedDictionary<double, long> atMost) => _atMost = atMost;

    public long Count => _atMost.TryGetValue(double.PositiveInfinity, out var all) ? all : 0;

    /// <param name="labels">Label pairs as they appear in the scrape, e.g. <c>code="204"</c>.</param>
    public static ScrapedHistogram Parse(string scrape, string name, params string[] labels)
    {
        var atMost = new SortedDictionary<double, long>();
        foreach (var line in scrape.Split('\n'))
        {
            if (!line.StartsWith(name + "_bucket{", StringComparison.Ordinal) || !labels.All(line.Contains))
                continue;
            var match = BucketLine().Match(line);
            if (!match.Success)
                continue;
            var bound = match.Groups["le"].Value == "+Inf" ? double.PositiveInfinity : double.Parse(match.Groups["le"].Value, CultureInfo.InvariantCulture);
            atMost[bound] = atMost.GetValueOrDefault(bound) + long.Parse(match.Groups["count"].Value, CultureInfo.InvariantCulture);
        }
        return new ScrapedHistogram(atMost);
    }

    /// <summary>The smallest bucket bound at or below which at least <paramref name="percentile"/> % of the observations fell.</summary>
    public double PercentileBound(double percentile)
    {
        var needed = Count * percentile / 100;
        return _atMost.First(bucket => bucket.Value >= needed).Key;
    }

    [GeneratedRegex("""le="(?<le>[^"]+)"\} (?<count>\d+)""")]
    private static partial Regex BucketLine();
}
