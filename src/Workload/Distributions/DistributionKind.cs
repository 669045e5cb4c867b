namespace Akka.Ingest.Workload.Distributions;

public enum DistributionKind
{
    /// <summary>Mailgun's reference generator: 20 interleaved random domains, 0–2,499 events each.</summary>
    Mailgun,

    /// <summary>Every event picks one of N named domains uniformly: the worst case, almost nothing aggregates.</summary>
    Uniform,

    /// <summary>Every event picks one of N named domains by Zipf's law: a small hot set takes most events.</summary>
    Zipf,
}
