namespace Akka.Ingest.Workload.Distributions;

/// <summary>Every domain is equally likely: with N events over N domains, about 63% of them are touched.</summary>
public sealed class UniformIndexSampler(int domains) : IIndexSampler
{
    public int Domains { get; } = domains > 0 ? domains : throw new ArgumentOutOfRangeException(nameof(domains));

    public int Sample(ref SeededRandom random) => random.NextInt(Domains);
}
