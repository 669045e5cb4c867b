namespace Akka.Ingest.StatusFeed;

/// <summary>
/// Says when outbox entries may be waiting, so the relay need not poll an empty outbox often: an idle host then costs
/// (almost) nothing. A signal is a hint, never a promise: it may come with nothing new, and a reader still looks now
/// and then on its own, because a store may miss one (a listening connection lost, another host writing a file).
/// </summary>
public interface IOutboxSignal
{
    /// <summary>
    /// Calls <paramref name="entriesMayBeWaiting"/> after each commit that added outbox entries (on this host, and on
    /// any host where the store can tell), and once whenever the store may have missed some, until the returned handle
    /// is disposed. The call comes on a thread of the store's: it must be quick and must not throw.
    /// </summary>
    IDisposable Subscribe(Action entriesMayBeWaiting);
}
