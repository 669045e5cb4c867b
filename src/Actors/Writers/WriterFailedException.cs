namespace Akka.Ingest.Writers;

/// <summary>Thrown by a partition writer to be restarted by its backoff supervisor after a store failure.</summary>
public sealed class WriterFailedException(int partition, string reason)
    : Exception($"Partition {partition} writer restarts after a store failure: {reason}");
