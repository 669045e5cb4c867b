namespace Akka.Ingest.Pipeline.Ingestion;

/// <summary>
/// A client's stream in the store's ledger, of which one request is one <see cref="Sequence"/>: a bulk's
/// <c>Idempotency-Key</c> (<c>bulk:{key hash}</c>, always sequence 1) or a producer session
/// (<c>producer:{id hash}</c>, the request's <c>Producer-Sequence</c>). Each partition a request touches is an origin
/// of its own, <see cref="OriginOf"/>, so a request partly committed is completed part by part.
/// </summary>
public readonly record struct LedgerStream(string Name, long Sequence)
{
    public string OriginOf(int partition) => $"{Name}/p{partition}";
}
