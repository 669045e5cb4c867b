namespace Akka.Ingest.Domain;

/// <summary>
/// The rules of the domain: any bounce makes a domain "not catch-all" for good; more than
/// <see cref="Threshold"/> deliveries with no bounce make it "catch-all"; anything else is unknown.
/// </summary>
public sealed record CatchAllPolicy(long Threshold)
{
    public const long DefaultThreshold = 1000;

    public static CatchAllPolicy Default { get; } = new(DefaultThreshold);

    public DomainStatus Classify(long delivered, long bounced)
    {
        if (bounced > 0)
            return DomainStatus.NotCatchAll;
        return delivered > Threshold ? DomainStatus.CatchAll : DomainStatus.Unknown;
    }

    public DomainStatus Classify(DomainCounts counts) => Classify(counts.Delivered, counts.Bounced);

    /// <summary>The transition caused by adding <paramref name="delta"/> to reach <paramref name="after"/>, if any.</summary>
    public StatusTransition? TransitionOf(DomainCounts after, DomainDelta delta)
    {
        var from = Classify(after.Delivered - delta.Delivered, after.Bounced - delta.Bounced);
        var to = Classify(after);
        return from == to ? null : new StatusTransition(after.Domain, from, to, after.Delivered, after.Bounced);
    }
}
