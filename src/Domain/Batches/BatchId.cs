namespace Akka.Ingest.Domain;

/// <summary>
/// Identifies a batch: the writer that formed it and that writer's strictly increasing sequence number.
/// The store keeps the last sequence applied per writer in the same transaction as the counts.
/// </summary>
public readonly record struct BatchId(string WriterId, long Sequence)
{
    public override string ToString() => $"{WriterId}#{Sequence}";
}
