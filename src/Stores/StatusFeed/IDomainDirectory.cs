using Akka.Ingest.Domain;

namespace Akka.Ingest.StatusFeed;

/// <summary>Lists domains by status, in domain order, a page at a time (keyset paging on the domain).</summary>
public interface IDomainDirectory
{
    /// <summary>
    /// How many counter rows one page of <c>unknown</c> may look at. Unknown domains have no status row of their own,
    /// so a page walks the counters and skips the others: where most domains have a status, an unbounded page would
    /// walk the whole table for anyone who asks. A page that reaches the budget ends early and says where to resume.
    /// </summary>
    public const int UnknownScanBudget = 10_000;

    Task<DomainListPage> ListAsync(DomainStatus status, string? afterDomain, int limit, CancellationToken cancellationToken);
}
