namespace Akka.Ingest.Workload.Distributions;

/// <summary>
/// Mailgun's reference generator spares every 25th domain from bounces: those are the catch-all candidates
/// (they become catch-all once they pass the delivery threshold). Every distribution here follows the same rule,
/// counting domains from zero, so the 25th, 50th... domain (index 24, 49...) is bounce-free.
/// </summary>
public static class BounceFreeDomains
{
    public const int Every = 25;

    public static bool Contains(long domainIndex) => (domainIndex + 1) % Every == 0;
}
