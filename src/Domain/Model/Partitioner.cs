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
}
