using Akka.Actor;
using Akka.Hosting;
using Akka.Ingest.StatusFeed;

namespace Akka.Ingest.Pipeline.StatusFeed;

/// <summary>
/// How far the status relay is behind: outbox entries committed with the counts but not yet journaled.
/// Asks this node's relay for its position; null where the relay does not run here or does not answer.
/// </summary>
public sealed class StatusRelayMonitor(ActorSystem system, IStatusOutbox outbox)
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(2);

    public async Task<StatusRelayView?> ReadAsync(CancellationToken cancellationToken)
    {
        if (!ActorRegistry.For(system).TryGet<StatusRelayActor>(out var relay))
            return null;
        try
        {
            var status = await relay.Ask<StatusRelayActor.RelayStatus>(StatusRelayActor.GetRelayStatus.Instance, AskTimeout, cancellationToken);
            var pending = await outbox.CountAsync(cancellationToken);
            return new StatusRelayView(status.RelayedThrough, status.JournalSequenceNr, pending);
        }
        catch (Exception ex) when (ex is AskTimeoutException or TaskCanceledException or System.Data.Common.DbException)
        {
            return null;
        }
    }
}

/// <summary>The relay's position: the largest outbox id journaled, the journal's length, and the entries still in the outbox (the lag).</summary>
public sealed record StatusRelayView(long RelayedThrough, long Journaled, long Pending);
