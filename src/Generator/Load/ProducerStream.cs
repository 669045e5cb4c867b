namespace Akka.Ingest.Generator.Load;

/// <summary>
/// One worker's producer session (<c>Producer-Id</c> <see cref="Id"/>): each new event takes the next sequence, and a
/// resend keeps its event's. Sequences start at the run's start in 100 ns ticks, so a later run with the same prefix
/// continues above every sequence an earlier one sent (a worker sends far fewer than ten million events a second)
/// rather than being taken for its duplicates.
/// </summary>
public sealed class ProducerStream(string id, long firstSequence)
{
    private long _last = firstSequence - 1;

    public string Id { get; } = id;

    public long Next() => ++_last;

    public static ProducerStream ForWorker(string prefix, int worker, DateTime runStartedUtc) =>
        new($"{prefix}-{worker}", runStartedUtc.Ticks);
}
