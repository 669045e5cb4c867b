using Akka.Ingest.Domain;
using Akka.Streams.Dsl;

namespace Akka.Ingest.Workload.Distributions;

/// <summary>The generator's streams as Akka.Streams sources: endless, seeded, the same on every materialisation.</summary>
public static class GeneratorSources
{
    public static Source<DomainEvent, NotUsed> Events(DistributionSpec spec, long seed) =>
        Source.FromGraph(new EventCursorSource(() => EventCursor.Create(spec, seed)))
            .Named($"generator-{spec.Kind.ToString().ToLowerInvariant()}");

    /// <summary>Mailgun's reference stream (the original project's <c>make createEvents</c>).</summary>
    public static Source<DomainEvent, NotUsed> Mailgun(long seed) => Events(DistributionSpec.Mailgun, seed);
}
