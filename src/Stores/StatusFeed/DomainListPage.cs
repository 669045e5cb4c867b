using Akka.Ingest.Domain;

namespace Akka.Ingest.StatusFeed;

/// <summary>
/// One page of a listing, and where the next one starts: after the last domain listed when the page is full, or after
/// the last domain looked at when the store stopped at its scan budget with fewer (possibly none). Null: nothing follows.
/// </summary>
public sealed record DomainListPage(IReadOnlyList<DomainCounts> Items, string? ResumeAfter);
