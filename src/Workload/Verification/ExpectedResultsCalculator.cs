using Akka.Ingest.Domain;
using Akka.Ingest.Workload.Distributions;

namespace Akka.Ingest.Workload.Verification;

/// <summary>
/// Replays a seeded stream to learn what the host should hold after it. Replaying is cheap (tens of millions of
/// events per second) and needs no copy of the events, so it works for any run length.
/// </summary>
public static class ExpectedResultsCalculator
{
    public static ExpectedResults Compute(DistributionSpec spec, long seed, long events)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(events);
        var cursor = EventCursor.Create(spec, seed);
        return cursor is IndexedEventCursor indexed ? TallyByIndex(indexed, events) : TallyByName(cursor, events);
    }

    private static TalliedByName TallyByName(EventCursor cursor, long events)
    {
        var tallies = new Dictionary<string, TalliedByName.Tally>();
        for (var i = 0L; i < events; i++)
            TalliedByName.Count(tallies, cursor.Next());
        return new TalliedByName(tallies, events);
    }

    private static TalliedByIndex TallyByIndex(IndexedEventCursor cursor, long events)
    {
        // int counters halve the memory; no domain can pass int.MaxValue events unless the run does.
        if (events > int.MaxValue)
            throw new ArgumentOutOfRangeException(nameof(events), events, $"At most {int.MaxValue:N0} events can be verified.");

        var delivered = new int[cursor.Domains];
        var bounced = new int[cursor.Domains];
        for (var i = 0L; i < events; i++)
        {
            var index = cursor.NextIndex(out var kind);
            if (kind == EventKind.Bounced)
                bounced[index]++;
            else
                delivered[index]++;
        }
        return new TalliedByIndex(delivered, bounced, cursor.Names, events);
    }
}
