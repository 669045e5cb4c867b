namespace Akka.Ingest.Workload.Distributions;

/// <summary>
/// Independent random streams drawn from one seed. Keeping the domain plans apart from the slot choices means a
/// domain's name and event count depend only on the seed and its position, whatever the interleaving.
/// </summary>
public static class RandomStreams
{
    public const ulong MailgunDomains = 1;
    public const ulong MailgunSlots = 2;
    public const ulong IndexedEvents = 3;
}
