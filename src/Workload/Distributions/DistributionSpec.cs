using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Akka.Ingest.Workload.Distributions;

/// <summary>
/// Which events to generate, as written on the command line: <c>mailgun</c>, <c>uniform:N</c> or <c>zipf:N</c>,
/// where N is the number of distinct domains (1 to 10,000,000).
/// </summary>
public sealed record DistributionSpec(DistributionKind Kind, int Domains)
{
    public const int MaxDomains = 10_000_000;

    public const string Syntax = "mailgun, uniform:N or zipf:N (N distinct domains, 1 to 10,000,000)";

    public static DistributionSpec Mailgun { get; } = new(DistributionKind.Mailgun, 0);

    public static DistributionSpec Uniform(int domains) => new(DistributionKind.Uniform, CheckDomains(domains));

    public static DistributionSpec Zipf(int domains) => new(DistributionKind.Zipf, CheckDomains(domains));

    public static DistributionSpec Parse(string? text) =>
        TryParse(text, out var spec, out var error) ? spec : throw new FormatException(error);

    public static bool TryParse(string? text, [NotNullWhen(true)] out DistributionSpec? spec, out string error)
    {
        spec = null;
        var trimmed = text?.Trim() ?? string.Empty;
        var colon = trimmed.IndexOf(':');
        var name = (colon < 0 ? trimmed : trimmed[..colon]).ToLowerInvariant();
        var argument = colon < 0 ? null : trimmed[(colon + 1)..];

        switch (name)
        {
            case "mailgun" when argument is null:
                spec = Mailgun;
                error = string.Empty;
                return true;
            case "mailgun":
                error = $"The mailgun distribution takes no domain count ('{trimmed}'); write just 'mailgun'.";
                return false;
            case "uniform" or "zipf" when argument is null:
                error = $"The {name} distribution needs a domain count, for example '{name}:1000000'.";
                return false;
            case "uniform" or "zipf":
                if (!TryParseDomains(argument!, out var domains, out error))
                {
                    error = $"In '{trimmed}': {error}";
                    return false;
                }
                spec = name == "uniform" ? Uniform(domains) : Zipf(domains);
                return true;
            default:
                error = trimmed.Length == 0
                    ? $"The distribution is empty; expected {Syntax}."
                    : $"Unknown distribution '{trimmed}'; expected {Syntax}.";
                return false;
        }
    }

    public override string ToString() => Kind switch
    {
        DistributionKind.Mailgun => "mailgun",
        DistributionKind.Uniform => string.Create(CultureInfo.InvariantCulture, $"uniform:{Domains}"),
        _ => string.Create(CultureInfo.InvariantCulture, $"zipf:{Domains}"),
    };

    private static bool TryParseDomains(string text, out int domains, out string error)
    {
        // Underscores and commas are accepted as digit separators: "uniform:10_000_000" reads better than 10000000.
        var digits = text.Replace("_", string.Empty).Replace(",", string.Empty);
        if (!long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            domains = 0;
            error = $"'{text}' is not a whole number of domains.";
            return false;
        }
        if (value is < 1 or > MaxDomains)
        {
            domains = 0;
            error = $"the domain count must be between 1 and {MaxDomains:N0}, not {value:N0}.";
            return false;
        }
        domains = (int)value;
        error = string.Empty;
        return true;
    }

    private static int CheckDomains(int domains) =>
        domains is >= 1 and <= MaxDomains
            ? domains
            : throw new ArgumentOutOfRangeException(nameof(domains), domains, $"Between 1 and {MaxDomains:N0} domains.");
}
