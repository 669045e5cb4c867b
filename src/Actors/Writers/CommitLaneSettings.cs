namespace Akka.Ingest.Writers;

/// <summary>
/// How a node commits: <see cref="Lanes"/> commit lanes, each starting at most one transaction per commit window, so
/// the number of transactions PostgreSQL sees from a node is bounded by time (lanes / window), not by the partition
/// count or the commit latency. The window grows with the number of nodes that share the database
/// (<see cref="WindowFor"/>), so a cluster starts no more transactions than one node would, up to
/// <see cref="MaxWindow"/>.
/// </summary>
/// <param name="Lanes">Commit lanes per node; partition p commits through lane p mod Lanes.</param>
/// <param name="Window">The shortest time between the starts of two transactions of a lane, on one node.</param>
/// <param name="MaxWindow">The longest the window grows to however many nodes share the database.</param>
/// <param name="MaxRowsPerCommit">A lane starts a transaction at once, window or not, when this many rows wait; and puts no more in one.</param>
/// <param name="Backoff">The wait after a store failure.</param>
public sealed record CommitLaneSettings(int Lanes, TimeSpan Window, TimeSpan MaxWindow, int MaxRowsPerCommit, RetryBackoff Backoff)
{
    /// <summary>At most this many contributions (one per origin) in one transaction.</summary>
    public const int MaxContributionsPerCommit = 512;

    public TimeSpan WindowFor(int nodes) =>
        TimeSpan.FromTicks(Math.Min(Math.Max(Window.Ticks, MaxWindow.Ticks), Window.Ticks * Math.Max(1, nodes)));

    public int LaneOf(int partition) => partition % Lanes;
}
