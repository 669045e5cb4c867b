using System.Diagnostics;
using Akka.Ingest.StatusFeed;

namespace Akka.Ingest.Pipeline.Dashboard;

/// <summary>
/// Keeps the latest domain census for the dashboard: a full count in the store, run in the background at most
/// every <see cref="DashboardOptions.CensusInterval"/> and never sooner than 20 times the previous count took
/// (so at 10M domains, where a count takes about a second, it runs every 20 s). Never on a request's path.
/// </summary>
public sealed class DomainCensusRefresher(IDomainCensus? census, TimeSpan minInterval, ILogger logger)
{
    private const int IdleFactor = 20;

    private Task? _running;
    private DomainCensusView? _latest;
    private long _dueAt;
    private bool _warned;

    public DomainCensusView? Latest => Volatile.Read(ref _latest);

    /// <summary>Starts a count in the background when one is due and none runs; returns at once.</summary>
    public void RefreshIfDue(CancellationToken cancellationToken)
    {
        if (census is null || _running is { IsCompleted: false } || Stopwatch.GetTimestamp() < Volatile.Read(ref _dueAt))
            return;
        _running = CountAsync(census, cancellationToken);
    }

    private async Task CountAsync(IDomainCensus source, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var wait = minInterval;
        try
        {
            var counted = await source.CensusAsync(cancellationToken);
            var took = Stopwatch.GetElapsedTime(started);
            Volatile.Write(ref _latest, new DomainCensusView(
                counted.Known, counted.CatchAll, counted.NotCatchAll, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), took.TotalMilliseconds));
            wait = TimeSpan.FromTicks(Math.Max(minInterval.Ticks, took.Ticks * IdleFactor));
            _warned = false;
        }
        catch (Exception) when (cancellationToken.IsCancellationRequested)
        {
            return;
        }
        catch (Exception ex)
        {
            // The store may be down: the panel keeps the last census, and this is said once per outage.
            if (!_warned)
                logger.LogWarning("Dashboard: counting the domains failed, keeping the last census: {Reason}", ex.GetBaseException().Message);
            _warned = true;
        }
        Volatile.Write(ref _dueAt, Stopwatch.GetTimestamp() + (long)(wait.TotalSeconds * Stopwatch.Frequency));
    }
}
