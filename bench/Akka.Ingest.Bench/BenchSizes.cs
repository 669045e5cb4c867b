namespace Akka.Ingest.Bench;

/// <summary>How long and how large each measurement is: the full run, or <c>--smoke</c> (seconds, for CI).</summary>
public sealed record BenchSizes(
    int Repetitions,
    TimeSpan LoadDuration,
    IReadOnlyList<int> PutConnections,
    int PutDomains,
    int BulkBodies,
    int BulkEventsPerBody,
    int BulkClients,
    long BulkEventsPerRepetition,
    long MailgunEvents,
    long UniformEvents,
    string UniformDistribution,
    int GetRate,
    long DistinctDomainsForRss,
    long RelayEvents,
    string RelayDistribution,
    IReadOnlyList<int> RealisticConnections,
    long RealisticWarmUpEvents,
    IReadOnlyList<int> NaiveConnections)
{
    public static readonly BenchSizes Full = new(
        Repetitions: 3,
        LoadDuration: TimeSpan.FromSeconds(8),
        PutConnections: [64, 256, 1024],
        PutDomains: 100_000,
        BulkBodies: 100,
        BulkEventsPerBody: 10_000,
        BulkClients: 8,
        BulkEventsPerRepetition: 3_000_000,
        MailgunEvents: 10_000_000,
        UniformEvents: 3_000_000,
        UniformDistribution: "uniform:10000000",
        GetRate: 500,
        DistinctDomainsForRss: 10_000_000,
        RelayEvents: 1_000_000,
        RelayDistribution: "uniform:100000",
        RealisticConnections: [50, 256],
        RealisticWarmUpEvents: 150_000,
        NaiveConnections: [64, 256]);

    public static readonly BenchSizes Smoke = new(
        Repetitions: 1,
        LoadDuration: TimeSpan.FromSeconds(1),
        PutConnections: [64, 256, 1024],
        PutDomains: 1_000,
        BulkBodies: 4,
        BulkEventsPerBody: 1_000,
        BulkClients: 2,
        BulkEventsPerRepetition: 8_000,
        MailgunEvents: 20_000,
        UniformEvents: 20_000,
        UniformDistribution: "uniform:10000000",
        GetRate: 100,
        DistinctDomainsForRss: 20_000,
        RelayEvents: 20_000,
        RelayDistribution: "uniform:2000",
        RealisticConnections: [50, 256],
        RealisticWarmUpEvents: 500,
        NaiveConnections: [64, 256]);
}
