using Akka.Ingest.Domain;

namespace Akka.Ingest.Workload.Verification;

/// <summary>
/// What the host must hold after the first <see cref="Events"/> events of a seeded stream, all acknowledged,
/// were applied to an empty store: the counts of every domain the events touched.
/// </summary>
public abstract class ExpectedResults
{
    protected ExpectedResults(long events) => Events = events;

    public long Events { get; }

    public abstract int DomainCount { get; }

    /// <summary>Every touched domain; names may be made on the fly, so enumerate once where it matters.</summary>
    public abstract IEnumerable<DomainCounts> Domains();

    /// <summary>A domain's expected counts; a domain the events never touched has none.</summary>
    public abstract DomainCounts CountsOf(string domain);

    public DomainStatus StatusOf(string domain, CatchAllPolicy policy) => policy.Classify(CountsOf(domain));
}
