namespace Akka.Ingest.Domain;

/// <summary>What one batch adds to a domain's counters; applied as count = count + delta, so it commutes.</summary>
public readonly record struct DomainDelta(string Domain, long Delivered, long Bounced)
{
    public long Events => Delivered + Bounced;
}
