using Akka.Ingest.Domain;
using Akka.Ingest.Workload.Distributions;

namespace Akka.Ingest.Generator.Load;

/// <summary>A validated load run: what to send, where, how fast, and how to judge the answers.</summary>
/// <param name="BaseUrl">The host's base address, ending in '/'.</param>
/// <param name="Rate">Events per second across all workers; null sends as fast as the host answers.</param>
/// <param name="MaxRetries">How often one event is sent again after a 503 before it counts as failed.</param>
/// <param name="AllUrls">Every host to send to (workers are spread over them round-robin); null: only <paramref name="BaseUrl"/>.</param>
/// <param name="Checks">Conditions on the report that set the exit code.</param>
/// <param name="Duration">Stop taking events after this long (<c>--duration</c>); with <paramref name="Events"/> too, whichever comes first.</param>
/// <param name="Producer">
/// <c>--producer</c>: worker i sends as producer <c>{Producer}-{i}</c> (<see cref="ProducerStream"/>) and resends an
/// unanswered event with its sequence; null sends plain PUTs.
/// </param>
public sealed record LoadPlan(
    Uri BaseUrl,
    long Events,
    int Concurrency,
    double? Rate,
    DistributionSpec Distribution,
    long Seed,
    bool Verify,
    CatchAllPolicy Policy,
    int MaxRetries,
    TimeSpan RequestTimeout,
    IReadOnlyList<Uri>? AllUrls = null,
    IReadOnlyList<LoadCheck>? Checks = null,
    TimeSpan? Duration = null,
    string? Producer = null)
{
    public IReadOnlyList<Uri> Urls => AllUrls ?? [BaseUrl];
}
