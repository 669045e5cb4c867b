using Akka.Ingest.Domain;
using Akka.Ingest.Stores;

namespace Akka.Ingest.Pipeline.Ingestion;

/// <summary>What one batch of one partition came to, once decided.</summary>
public sealed record CommitReport(int Partition, long Events, int Domains, int Attempts, TimeSpan FlushTime, BatchOutcome? Outcome)
{
    public bool Committed => Outcome is not null;
}
