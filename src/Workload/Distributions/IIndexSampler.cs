namespace Akka.Ingest.Workload.Distributions;

/// <summary>Picks the index of the domain the next event goes to, in [0, <see cref="Domains"/>).</summary>
public interface IIndexSampler
{
    int Domains { get; }

    int Sample(ref SeededRandom random);
}
