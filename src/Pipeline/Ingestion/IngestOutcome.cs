namespace Akka.Ingest.Pipeline.Ingestion;

public enum IngestOutcome
{
    /// <summary>Durable: the request may be acknowledged.</summary>
    Committed,

    /// <summary>Withdrawn before any write held it: it will never be counted.</summary>
    TimedOut,

    /// <summary>The pipeline was full: never admitted, never counted.</summary>
    Rejected,

    /// <summary>The pipeline stopped before the write was decided; not acknowledged.</summary>
    Abandoned,
}
