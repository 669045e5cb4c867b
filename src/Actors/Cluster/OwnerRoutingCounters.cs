namespace Akka.Ingest.Cluster;

/// <summary>
/// Per partition: contributions sent to the owner, written directly after an owner timeout (fallbacks), and
/// written directly while the fallback window stays open. Read by the metrics and <c>/admin/cluster</c>.
/// </summary>
public sealed class OwnerRoutingCounters(int partitions)
{
    private readonly long[] _routed = new long[partitions];
    private readonly long[] _fallbacks = new long[partitions];
    private readonly long[] _direct = new long[partitions];

    public long RoutedTotal => Total(_routed);

    public long FallbacksTotal => Total(_fallbacks);

    public long DirectTotal => Total(_direct);

    public void Routed(int partition) => Interlocked.Increment(ref _routed[partition]);

    public void Fallback(int partition) => Interlocked.Increment(ref _fallbacks[partition]);

    public void Direct(int partition) => Interlocked.Increment(ref _direct[partition]);

    private static long Total(long[] counts)
    {
        long total = 0;
        for (var i = 0; i < counts.Length; i++)
            total += Interlocked.Read(ref counts[i]);
        return total;
    }
}
