using Akka.Ingest.Domain;
using Akka.Ingest.Stores.Postgres;
using Akka.Ingest.Testing;

namespace Akka.Ingest.IntegrationTests.Reliability;

/// <summary>Reads the committed counts straight from PostgreSQL and compares them with what the load saw acknowledged.</summary>
public static class LoadVerdict
{
    public static async Task<(long Acknowledged, long Counted)> AssertCountedEqualsAcknowledgedAsync(
        string connectionString, PutLoad load, IEnumerable<string> domains)
    {
        await using var store = new PostgresCounterStore(connectionString, CatchAllPolicy.Default);
        long counted = 0;
        foreach (var domain in domains)
        {
            var counts = await store.ReadAsync(domain, default);
            var (delivered, bounced) = load.AcknowledgedFor(domain);
            Assert.Equal((domain, delivered, bounced), (counts.Domain, counts.Delivered, counts.Bounced));
            counted += counts.Delivered + counts.Bounced;
        }
        Assert.Equal(load.Acknowledged, counted);
        return (load.Acknowledged, counted);
    }

    public static IEnumerable<DomainEvent> Events(string prefix, int domains, int count) =>
        Enumerable.Range(0, count).Select(i => new DomainEvent($"{prefix}{i % domains}.example", i % 97 == 0 ? EventKind.Bounced : EventKind.Delivered));

    public static string[] Domains(string prefix, int domains) =>
        Enumerable.Range(0, domains).Select(i => $"{prefix}{i}.example").ToArray();
}
