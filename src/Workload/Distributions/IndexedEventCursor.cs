using Akka.Ingest.Domain;

namespace Akka.Ingest.Workload.Distributions;

/// <summary>
/// A stream over N named domains: each event goes to the domain the sampler picks and is a bounce with
/// probability 35% (Mailgun's ratio), except for <see cref="BounceFreeDomains"/>, which only ever see
/// deliveries. Exposes the domain index so expected results can be tallied in arrays rather than by name.
/// </summary>
public sealed class IndexedEventCursor(IIndexSampler sampler, SyntheticDomainNames names, long seed) : EventCursor
{
    public const int BouncePercent = 35;

    private SeededRandom _random = new(seed, RandomStreams.IndexedEvents);

    public int Domains => sampler.Domains;

    public SyntheticDomainNames Names { get; } = names;

    public int NextIndex(out EventKind kind)
    {
        var index = sampler.Sample(ref _random);
        kind = !BounceFreeDomains.Contains(index) && _random.NextInt(100) < BouncePercent
            ? EventKind.Bounced
            : EventKind.Delivered;
        return index;
    }

    public override DomainEvent Next()
    {
        var index = NextIndex(out var kind);
        return new DomainEvent(Names.NameOf(index), kind);
    }
}
