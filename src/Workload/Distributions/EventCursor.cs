using Akka.Ingest.Domain;

namespace Akka.Ingest.Workload.Distributions;

/// <summary>
/// Reads one seeded, endless event stream in order. Pull-based and single-threaded, so the same code feeds the
/// Akka.Streams source, the HTTP load driver and the expected-results calculator, and they all see one stream.
/// </summary>
public abstract class EventCursor
{
    public abstract DomainEvent Next();

    public static EventCursor Create(DistributionSpec spec, long seed) => spec.Kind switch
    {
        DistributionKind.Mailgun => new MailgunEventCursor(seed),
        DistributionKind.Uniform => new IndexedEventCursor(new UniformIndexSampler(spec.Domains), SyntheticDomainNames.ForUniform(), seed),
        DistributionKind.Zipf => new IndexedEventCursor(new ZipfIndexSampler(spec.Domains), SyntheticDomainNames.ForZipf(), seed),
        _ => throw new ArgumentOutOfRangeException(nameof(spec), spec, "Unknown distribution."),
    };
}
