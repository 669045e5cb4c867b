namespace Akka.Ingest.StatusFeed;

/// <summary>
/// Elects the one host whose status relay runs, where several hosts without a cluster share one database. Two relays
/// on one journal never journal an entry twice (the journal's key refuses the second writer), but each refused insert
/// has already taken <c>ordering</c> values, and at every such gap the journal's readers (the live feed,
/// <c>GET /domains/changes</c>) wait about 10 s. A store only one host can use (SQLite) has nothing to elect.
/// </summary>
public interface IRelayLease : IAsyncDisposable
{
    /// <summary>What the lease is, for the log.</summary>
    string Description { get; }

    /// <summary>
    /// Contends for the lease until the returned handle is disposed, which gives the lease up. Calls
    /// <paramref name="changed"/> when this host comes to hold it and when it stops holding it, and once if the first
    /// attempt finds it held elsewhere; never twice in a row with the same <see cref="RelayLeaseChange.Held"/>. One
    /// contender at a time. The call comes on a thread of the store's: it must be quick and must not throw.
    /// </summary>
    IDisposable Contend(Action<RelayLeaseChange> changed);
}
