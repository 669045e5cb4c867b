namespace Akka.Ingest.Pipeline.Ingestion;

public enum IngestOutcome
{
    /// <summary>Durable: the request may be acknowledged.</summary>
    Committed,

    /// <summary>
    /// Durable already: an earlier attempt of the same client request (a resend of a producer's sequence, or of a
    /// keyed bulk's part) committed it, so this one applied nothing and is acknowledged as that first success.
    /// </summary>
    Duplicate,

    /// <summary>Withdrawn before any write held it: it will never be counted.</summary>
    TimedOut,

    /// <summary>The pipeline was full: never admitted, never counted.</summary>
    Rejected,

    /// <summary>The pipeline stopped before any write attempt held the events: not acknowledged, never counted.</summary>
    Abandoned,

    /// <summary>
    /// The pipeline stopped (or failed) while a write holding the events was in flight or ambiguous: not acknowledged,
    /// and they may be counted all the same, so resending them blindly could count them twice.
    /// </summary>
    Undecided,

    /// <summary>
    /// A producer's request below a sequence its producer already committed in the partition: nothing of it was
    /// applied (the producer broke its one-request-at-a-time rule), and resending it will not change that.
    /// </summary>
    OutOfOrder,
}
