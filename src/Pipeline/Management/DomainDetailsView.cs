using Akka.Ingest.Domain;

namespace Akka.Ingest.Pipeline.Management;

/// <summary>The answer of <c>/admin/domains/{domain}</c>: the public view plus where the domain is handled.</summary>
public sealed record DomainDetailsView(string Domain, string Status, long Delivered, long Bounced, int Partition, long CatchAllThreshold)
{
    public static DomainDetailsView From(DomainCounts counts, CatchAllPolicy policy, int partition) =>
        new(counts.Domain, policy.Classify(counts).ToWireName(), counts.Delivered, counts.Bounced, partition, policy.Threshold);
}
