using Akka.Ingest.Domain;
using Akka.Ingest.Pipeline.StatusFeed;
using Akka.Ingest.Stores.Postgres;
using Akka.Ingest.Testing;

namespace Akka.Ingest.IntegrationTests.Cluster;

/// <summary>
/// The counting guarantees of a cluster under faults, judged per domain from the committed counts, what the
/// clients saw acknowledged or never answered, and the status feed.
/// </summary>
public static class ClusterLoadVerdict
{
    public sealed record Verdict(long Acknowledged, long Counted, long Extra, int DomainsWithTransitions, List<string> Violations);

    /// <summary>
    /// Per domain: acknowledged ≤ counted ≤ acknowledged + unanswered, and the feed holds exactly the chain of
    /// transitions from unknown to the domain's final status, each once.
    /// </summary>
    public static async Task<Verdict> JudgeAsync(
        PostgresCounterStore store, CatchAllPolicy policy, IEnumerable<PutLoad> loads, List<StatusChangeView> feed, IEnumerable<string> domains)
    {
        var total = new PutLoad();
        foreach (var load in loads)
            total.Add(load);
        var byDomain = feed.GroupBy(c => c.Domain).ToDictionary(g => g.Key, g => g.OrderBy(c => c.Delivered + c.Bounced).ToList());
        var violations = new List<string>();
        long counted = 0, extra = 0;
        foreach (var domain in domains)
        {
            var counts = await store.ReadAsync(domain, default);
            var (delivered, bounced) = total.AcknowledgedFor(domain);
            var unanswered = total.UnansweredFor(domain);
            var over = counts.Delivered + counts.Bounced - delivered - bounced;
            if (counts.Delivered < delivered || counts.Bounced < bounced)
                violations.Add($"{domain}: counted {counts.Delivered}/{counts.Bounced} < acknowledged {delivered}/{bounced}");
            else if (over > unanswered)
                violations.Add($"{domain}: {over} counted beyond the acknowledged {delivered}/{bounced}, only {unanswered} unanswered ({total.RefusedFor(domain)} refused with 503)");
            counted += counts.Delivered + counts.Bounced;
            extra += Math.Max(0, over);

            var chain = byDomain.GetValueOrDefault(domain) ?? [];
            var final = policy.Classify(counts).ToWireName();
            var expectedFrom = DomainStatus.Unknown.ToWireName();
            var isChain = true;
            foreach (var change in chain)
            {
                isChain &= change.From == expectedFrom;
                expectedFrom = change.To;
            }
            if (!isChain || expectedFrom != final)
            {
                violations.Add($"{domain}: the feed has {(chain.Count == 0 ? "no transition" : string.Join(", ", chain.Select(c => $"{c.From}→{c.To}@{c.Delivered}/{c.Bounced}")))}, " +
                               $"not one chain from unknown to {final} (counts {counts.Delivered}/{counts.Bounced})");
            }
        }
        return new Verdict(total.Acknowledged, counted, extra, byDomain.Count, violations);
    }

    /// <summary>An endless paced-load sequence over <paramref name="domains"/> domains, every 97th event a bounce.</summary>
    public static IEnumerable<DomainEvent> Events(string prefix, int domains) =>
        Enumerable.Range(0, int.MaxValue).Select(i => new DomainEvent($"{prefix}{i % domains}.example", i % 97 == 0 ? EventKind.Bounced : EventKind.Delivered));

    public static IEnumerable<string> Domains(string prefix, int domains) => Enumerable.Range(0, domains).Select(i => $"{prefix}{i}.example");
}
