namespace Akka.Ingest.StatusFeed;

/// <summary>
/// Counts the domains a store knows, in total and by status. A full count: callers cache it (the dashboard
/// runs it at most every few seconds), never per request.
/// </summary>
public interface IDomainCensus
{
    Task<DomainCensus> CensusAsync(CancellationToken cancellationToken);
}

/// <summary>Domains with counters, and those whose status is catch-all or not catch-all (the rest are unknown).</summary>
public sealed record DomainCensus(long Known, long CatchAll, long NotCatchAll);
