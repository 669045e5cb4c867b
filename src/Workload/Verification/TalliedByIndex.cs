using Akka.Ingest.Domain;
using Akka.Ingest.Workload.Distributions;

namespace Akka.Ingest.Workload.Verification;

/// <summary>
/// Expected counts kept in two arrays indexed by domain, names made only when asked for: 80 MB for ten
/// million domains, where a dictionary of names would take several times that.
/// </summary>
public sealed class TalliedByIndex : ExpectedResults
{
    private readonly int[] _delivered;
    private readonly int[] _bounced;
    private readonly SyntheticDomainNames _names;

    public TalliedByIndex(int[] delivered, int[] bounced, SyntheticDomainNames names, long events) : base(events)
    {
        _delivered = delivered;
        _bounced = bounced;
        _names = names;
        var touched = 0;
        for (var i = 0; i < delivered.Length; i++)
        {
            if (delivered[i] != 0 || bounced[i] != 0)
                touched++;
        }
        DomainCount = touched;
    }

    public override int DomainCount { get; }

    public override IEnumerable<DomainCounts> Domains()
    {
        for (var i = 0; i < _delivered.Length; i++)
        {
            if (_delivered[i] != 0 || _bounced[i] != 0)
                yield return new DomainCounts(_names.NameOf(i), _delivered[i], _bounced[i]);
        }
    }

    public override DomainCounts CountsOf(string domain) =>
        _names.TryIndexOf(domain, out var index) && index < _delivered.Length
            ? new DomainCounts(domain, _delivered[index], _bounced[index])
            : DomainCounts.Unseen(domain);
}
