using Akka.Ingest.Domain;

namespace Akka.Ingest.StatusFeed;

/// <summary>Marks the journaled status-feed protocol, so one serializer is bound to all of it.</summary>
public interface IStatusFeedEvent;

/// <summary>
/// A domain's status changed when a batch committed. <see cref="OutboxId"/> is the outbox row it was relayed
/// from, which is what makes relaying idempotent.
/// </summary>
public sealed record DomainStatusChanged(
    long OutboxId, string Domain, DomainStatus From, DomainStatus To, long Delivered, long Bounced, DateTimeOffset At) : IStatusFeedEvent
{
    public static DomainStatusChanged FromOutbox(OutboxEntry entry) =>
        new(entry.Id, entry.Domain, entry.From, entry.To, entry.Delivered, entry.Bounced, entry.ChangedAt);
}

/// <summary>
/// The relay's snapshot, taken when every entry it had journaled was deleted from the outbox.
/// <see cref="RelayedThrough"/> is the largest outbox id journaled so far (informational: ids are not visible in id order).
/// </summary>
public sealed record StatusRelayProgress(long RelayedThrough) : IStatusFeedEvent;
