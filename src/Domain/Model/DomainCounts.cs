namespace Akka.Ingest.Domain;

/// <summary>The committed counters of one domain.</summary>
public readonly record struct DomainCounts(string Domain, long Delivered, long Bounced)
{
    public static DomainCounts Unseen(string domain) => new(domain, 0, 0);
}
