using System.Globalization;

namespace Akka.Ingest.Workload.Distributions;

/// <summary>
/// Names domain <c>i</c> of a synthetic distribution as <c>{prefix}{i:D8}{suffix}</c>, e.g.
/// <c>d00000042.uniform.test</c>: deterministic, so any process can name a domain from its index, and already
/// normalised. The first <see cref="CachedNames"/> names are kept once made, which covers the hot set of a
/// Zipf stream without holding ten million strings for a uniform one.
/// </summary>
public sealed class SyntheticDomainNames
{
    public const int CachedNames = 1 << 16;

    private readonly string _prefix;
    private readonly string _suffix;
    private readonly string?[] _cache = new string?[CachedNames];

    public SyntheticDomainNames(string prefix, string suffix)
    {
        _prefix = prefix;
        _suffix = suffix;
    }

    /// <summary>A fresh namer (with its own cache) for <c>uniform:N</c>: <c>d00000042.uniform.test</c>.</summary>
    public static SyntheticDomainNames ForUniform() => new("d", ".uniform.test");

    /// <summary>A fresh namer (with its own cache) for <c>zipf:N</c>: <c>z00000042.zipf.test</c>.</summary>
    public static SyntheticDomainNames ForZipf() => new("z", ".zipf.test");

    public string NameOf(int index)
    {
        if ((uint)index < CachedNames)
            return _cache[index] ??= Format(index);
        return Format(index);
    }

    /// <summary>The index a name was made from, if it is one of these names.</summary>
    public bool TryIndexOf(string domain, out int index)
    {
        index = -1;
        var digits = domain.Length - _prefix.Length - _suffix.Length;
        return digits >= 8
               && domain.StartsWith(_prefix, StringComparison.Ordinal)
               && domain.EndsWith(_suffix, StringComparison.Ordinal)
               && int.TryParse(domain.AsSpan(_prefix.Length, digits), NumberStyles.None, CultureInfo.InvariantCulture, out index)
               && NameOf(index) == domain;
    }

    private string Format(int index) =>
        string.Create(CultureInfo.InvariantCulture, $"{_prefix}{index:D8}{_suffix}");
}
