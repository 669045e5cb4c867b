using Akka.Ingest.Domain;

namespace Akka.Ingest.StatusFeed;

/// <summary>Lists domains by status, in domain order, a page at a time (keyset paging on the domain).</summary>
public interface IDomainDirectory
{
    Task<IReadOnlyList<DomainCounts>> ListAsync(DomainStatus status, string? afterDomain, int limit, CancellationToken cancellationToken);
}
