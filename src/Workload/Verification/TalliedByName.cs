using System.Runtime.InteropServices;
using Akka.Ingest.Domain;

namespace Akka.Ingest.Workload.Verification;

/// <summary>Expected counts kept by domain name: for the Mailgun stream, which has about one domain per 1,250 events.</summary>
public sealed class TalliedByName : ExpectedResults
{
    private readonly Dictionary<string, Tally> _tallies;

    public TalliedByName(Dictionary<string, Tally> tallies, long events) : base(events) => _tallies = tallies;

    public override int DomainCount => _tallies.Count;

    public override IEnumerable<DomainCounts> Domains() =>
        _tallies.Select(pair => new DomainCounts(pair.Key, pair.Value.Delivered, pair.Value.Bounced));

    public override DomainCounts CountsOf(string domain) =>
        _tallies.TryGetValue(domain, out var tally)
            ? new DomainCounts(domain, tally.Delivered, tally.Bounced)
            : DomainCounts.Unseen(domain);

    public static void Count(Dictionary<string, Tally> tallies, DomainEvent evt)
    {
        ref var tally = ref CollectionsMarshal.GetValueRefOrAddDefault(tallies, evt.Domain, out _);
        if (evt.Kind == EventKind.Bounced)
            tally.Bounced++;
        else
            tally.Delivered++;
    }

    public struct Tally
    {
        public long Delivered;
        public long Bounced;
    }
}
