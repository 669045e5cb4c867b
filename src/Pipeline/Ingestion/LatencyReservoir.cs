namespace Akka.Ingest.Pipeline.Ingestion;

/// <summary>
/// The most recent <see cref="Capacity"/> durations, for percentiles over recent work. Recording is one
/// interlocked increment and one store (no lock); a read copies the samples, so a percentile read while
/// samples are recorded may mix the newest few with older ones, which does not matter for a percentile.
/// </summary>
public sealed class LatencyReservoir
{
    public const int Capacity = 1024;

    private readonly long[] _micros = new long[Capacity];
    private long _recorded;

    public long Recorded => Interlocked.Read(ref _recorded);

    public void Record(TimeSpan duration)
    {
        var slot = (Interlocked.Increment(ref _recorded) - 1) % Capacity;
        Volatile.Write(ref _micros[slot], (long)duration.TotalMicroseconds);
    }

    /// <summary>The nearest-rank percentile (0 &lt; <paramref name="percentile"/> ≤ 100); zero before any sample.</summary>
    public TimeSpan Percentile(double percentile)
    {
        var count = (int)Math.Min(Recorded, Capacity);
        if (count == 0)
            return TimeSpan.Zero;

        var samples = new long[count];
        Array.Copy(_micros, samples, count);
        Array.Sort(samples);
        var rank = (int)Math.Ceiling(percentile / 100 * count);
        return TimeSpan.FromMicroseconds(samples[Math.Clamp(rank, 1, count) - 1]);
    }
}
