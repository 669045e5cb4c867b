namespace Akka.Ingest.Domain;

/// <summary>
/// Maps a normalised domain to one of a fixed number of partitions with FNV-1a, which is stable across
/// processes (unlike <see cref="string.GetHashCode()"/>), so every node partitions the same way.
/// </summary>
public sealed class Partitioner(int partitions)
{
    public int Partitions { get; } = partitions > 0 ? partitions : throw new ArgumentOutOfRangeException(nameof(partitions));

    public int PartitionOf(string domain)
    {
        var hash = 2166136261u;
        foreach (var c in domain)
        {
            hash ^= c;
            hash *= 16777619u;
        }
        return (int)(hash % (uint)Partitions);
    }

    /// <summary>
    /// The events of each partition, in their original order; partitions without events are left out. Used
    /// wherever many events enter at once (a bulk, a generator chunk), so they are split one way everywhere.
    /// </summary>
    public IEnumerable<(int Partition, DomainEvent[] Events)> Split(IReadOnlyList<DomainEvent> events)
    {
        var counts = new int[Partitions];
        var partitionOf = new int[events.Count];
        for (var i = 0; i < events.Count; i++)
            counts[partitionOf[i] = PartitionOf(events[i].Domain)]++;

        var byPartition = new DomainEvent[Partitions][];
        for (var p = 0; p < Partitions; p++)
            byPartition[p] = new DomainEvent[counts[p]];
        var filled = new int[Partitions];
        for (var i = 0; i < events.Count; i++)
            byPartition[partitionOf[i]][filled[partitionOf[i]]++] = events[i];

        for (var p = 0; p < Partitions; p++)
        {
            if (counts[p] > 0)
                yield return (p, byPartition[p]);
        }
    }
}
