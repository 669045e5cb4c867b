using Akka.Ingest.Domain;

namespace Akka.Ingest.Workload.Distributions;

/// <summary>
/// Mailgun's reference stream. The Go original runs 20 goroutines, one domain each, so their events interleave;
/// here that is 20 slots, each holding a domain and how far it has got. Every event comes from a slot chosen by
/// the seeded random stream; a slot whose domain is done takes the next planned domain (domains planned with
/// zero events take a slot for no time at all).
/// </summary>
public sealed class MailgunEventCursor : EventCursor
{
    public const int ConcurrentDomains = 20;

    private readonly MailgunDomainPlanner _planner;
    private readonly ActiveDomain[] _slots = new ActiveDomain[ConcurrentDomains];
    private SeededRandom _random;

    public MailgunEventCursor(long seed)
    {
        _planner = new MailgunDomainPlanner(seed);
        _random = new SeededRandom(seed, RandomStreams.MailgunSlots);
        for (var slot = 0; slot < _slots.Length; slot++)
            _slots[slot] = new ActiveDomain(NextDomainWithEvents());
    }

    public override DomainEvent Next()
    {
        ref var active = ref _slots[_random.NextInt(ConcurrentDomains)];
        var plan = active.Plan;
        var kind = plan.IsBounce(active.Emitted) ? EventKind.Bounced : EventKind.Delivered;
        if (++active.Emitted == plan.Events)
            active = new ActiveDomain(NextDomainWithEvents());
        return new DomainEvent(plan.Domain, kind);
    }

    private MailgunDomainPlan NextDomainWithEvents()
    {
        var plan = _planner.Next();
        while (plan.Events == 0)
            plan = _planner.Next();
        return plan;
    }

    private struct ActiveDomain(MailgunDomainPlan plan)
    {
        public readonly MailgunDomainPlan Plan = plan;
        public int Emitted;
    }
}
