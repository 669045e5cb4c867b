using Akka.Actor;
using Akka.Hosting;
using Akka.Ingest.StatusFeed;

namespace Akka.Ingest.Pipeline.StatusFeed;

/// <summary>
/// How far the status relay is behind: outbox entries committed with the counts but not yet journaled.
/// Asks this node's relay for its position; null where the relay does not run here (<c>RunRelay=false</c>, another
/// host holding the relay lease) or does not answer. <see cref="RunsRelayUnderLeaseAsync"/> says whether this host
/// holds the relay lease.
/// <see cref="ReadCachedAsync"/> serves scrapes: an unauthenticated caller cannot make every request count the outbox.
/// <see cref="ReadPacedAsync"/> serves the dashboard, which samples every second whether or not anyone watches.
/// </summary>
public sealed class StatusRelayMonitor(ActorSystem system, IStatusOutbox outbox)
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(10);
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private (StatusRelayView? View, long ReadAt) _cached = (null, long.MinValue);
    private readonly OutboxCountPacing _pacing = new();

    /// <summary>The last reading if it is younger than 10 s; else one caller reads again while the others wait for it.</summary>
    public async Task<StatusRelayView?> ReadCachedAsync(CancellationToken cancellationToken)
    {
        if (Fresh(_cached) is { } cached)
            return cached.View;
        await _refresh.WaitAsync(cancellationToken);
        try
        {
            if (Fresh(_cached) is { } refreshed)
                return refreshed.View;
            var view = await ReadAsync(cancellationToken);
            _cached = (view, System.Diagnostics.Stopwatch.GetTimestamp());
            return view;
        }
        finally
        {
            _refresh.Release();
        }
    }

    private static (StatusRelayView? View, long ReadAt)? Fresh((StatusRelayView? View, long ReadAt) reading) =>
        reading.ReadAt != long.MinValue && reading.View is not null && System.Diagnostics.Stopwatch.GetElapsedTime(reading.ReadAt) < CacheFor
            ? reading
            : null;

    /// <summary>The relay's position and the outbox counted now.</summary>
    public Task<StatusRelayView?> ReadAsync(CancellationToken cancellationToken) =>
        ReadAsync(outbox.CountAsync, cancellationToken);

    /// <summary>
    /// The relay's position now, and the outbox count of the last reading until another one is due (see
    /// <see cref="OutboxCountPacing"/>): counting a large outbox is a scan that PostgreSQL would otherwise run every
    /// second beside the writers. For one caller at a time.
    /// </summary>
    public Task<StatusRelayView?> ReadPacedAsync(CancellationToken cancellationToken) =>
        ReadAsync(token => _pacing.CountAsync(outbox.CountAsync, token), cancellationToken);

    private async Task<StatusRelayView?> ReadAsync(Func<CancellationToken, Task<long>> countPending, CancellationToken cancellationToken)
    {
        if (!ActorRegistry.For(system).TryGet<StatusRelayActor>(out var relay))
            return null;
        try
        {
            var status = await relay.Ask<StatusRelayActor.RelayStatus>(StatusRelayActor.GetRelayStatus.Instance, AskTimeout, cancellationToken);
            var pending = await countPending(cancellationToken);
            return new StatusRelayView(status.RelayedThrough, status.JournalSequenceNr, pending);
        }
        catch (Exception ex) when (ex is AskTimeoutException or TaskCanceledException or System.Data.Common.DbException or RelayNotRunningHereException)
        {
            return null;
        }
    }

    /// <summary>
    /// Whether this host runs the relay under the relay lease (it holds the lease), or another host does; null where no
    /// lease is contended here (in a cluster the relay is a singleton; <c>RunRelay=false</c>) or it does not answer.
    /// </summary>
    public async Task<bool?> RunsRelayUnderLeaseAsync(CancellationToken cancellationToken)
    {
        if (!ActorRegistry.For(system).TryGet<StatusRelayLeaseActor>(out var lease))
            return null;
        try
        {
            var status = await lease.Ask<StatusRelayLeaseActor.RelayLeaseStatus>(StatusRelayLeaseActor.GetRelayLease.Instance, AskTimeout, cancellationToken);
            return status.Running;
        }
        catch (Exception ex) when (ex is AskTimeoutException or TaskCanceledException)
        {
            return null;
        }
    }
}

/// <summary>The relay's position: the largest outbox id journaled, the journal's length, and the entries still in the outbox (the lag).</summary>
public sealed record StatusRelayView(long RelayedThrough, long Journaled, long Pending);
