namespace Akka.Ingest.Domain;

/// <summary>
/// Identifies a contribution: the origin stream that formed it (<c>{node id}/p{partition}</c>, unique per run of a
/// node) and that stream's strictly increasing sequence number. The store keeps the last sequence applied per
/// origin in the same transaction as the counts, so a contribution is applied once whoever writes it.
/// </summary>
public readonly record struct BatchId(string WriterId, long Sequence)
{
    public override string ToString() => $"{WriterId}#{Sequence}";
}
