using Akka.Ingest.Domain;

namespace Akka.Ingest.Pipeline.Http;

/// <summary>The JSON shape of a domain: <c>{"domain","status","delivered","bounced"}</c>.</summary>
public sealed record DomainView(string Domain, string Status, long Delivered, long Bounced)
{
    public static DomainView From(DomainCounts counts, CatchAllPolicy policy) =>
        new(counts.Domain, policy.Classify(counts).ToWireName(), counts.Delivered, counts.Bounced);
}
