namespace Akka.Ingest.Pipeline.Ingestion;

/// <summary>
/// What became of a bulk: <see cref="Outcome"/> is <see cref="IngestOutcome.Committed"/> only when every event was
/// committed; otherwise <see cref="IngestOutcome.Undecided"/> if any part is, else the first other outcome met, with <see cref="CommittedEvents"/> saying how many events (whole
/// partitions) were committed all the same.
/// </summary>
public sealed record BulkOutcome(IngestOutcome Outcome, long Events, long CommittedEvents)
{
    public bool AllCommitted => Outcome == IngestOutcome.Committed;

    /// <summary>Of <see cref="CommittedEvents"/>, those an earlier attempt of the same request had committed (its parts resent).</summary>
    public long DuplicateEvents { get; init; }
}
