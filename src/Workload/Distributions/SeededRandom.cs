using System.Numerics;

namespace Akka.Ingest.Workload.Distributions;

/// <summary>
/// xoshiro256** seeded through SplitMix64. Written out here rather than using <see cref="Random"/> so that a
/// seed gives the same stream on every runtime and platform (a run is verified by replaying it elsewhere),
/// and so that the hot loop stays free of virtual calls and allocations.
/// A mutable struct: keep it in a non-readonly field and never copy it.
/// </summary>
public struct SeededRandom
{
    private ulong _s0;
    private ulong _s1;
    private ulong _s2;
    private ulong _s3;

    /// <param name="seed">The run's seed.</param>
    /// <param name="stream">Separates independent streams drawn from one seed (domain plans, slot choices...).</param>
    public SeededRandom(long seed, ulong stream = 0)
    {
        var state = unchecked((ulong)seed ^ (stream * 0xD1B54A32D192ED03UL));
        _s0 = SplitMix64(ref state);
        _s1 = SplitMix64(ref state);
        _s2 = SplitMix64(ref state);
        _s3 = SplitMix64(ref state);
    }

    public ulong NextUInt64()
    {
        var result = BitOperations.RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = BitOperations.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>A uniform integer in [0, <paramref name="bound"/>), without modulo bias (Lemire's method).</summary>
    public int NextInt(int bound)
    {
        if (bound <= 0)
            throw new ArgumentOutOfRangeException(nameof(bound), bound, "The bound must be positive.");

        var product = (NextUInt64() >> 32) * (ulong)bound;
        var low = (uint)product;
        if (low < (uint)bound)
        {
            var threshold = (uint)-bound % (uint)bound;
            while (low < threshold)
            {
                product = (NextUInt64() >> 32) * (ulong)bound;
                low = (uint)product;
            }
        }
        return (int)(product >> 32);
    }

    /// <summary>A uniform double in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    private static ulong SplitMix64(ref ulong state)
    {
        var z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
