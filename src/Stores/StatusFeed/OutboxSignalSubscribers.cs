namespace Akka.Ingest.StatusFeed;

/// <summary>
/// The callbacks of an <see cref="IOutboxSignal"/>, safe to raise from any thread. A store that needs a resource while
/// anyone listens (PostgreSQL's <c>LISTEN</c> connection) is told when the first subscriber comes and the last one goes.
/// </summary>
public sealed class OutboxSignalSubscribers(Action? firstSubscribed = null, Action? lastUnsubscribed = null)
{
    private readonly Lock _lock = new();
    private Action[] _subscribers = [];

    public bool HasSubscribers => Volatile.Read(ref _subscribers).Length > 0;

    public IDisposable Subscribe(Action entriesMayBeWaiting)
    {
        bool first;
        lock (_lock)
        {
            first = _subscribers.Length == 0;
            _subscribers = [.. _subscribers, entriesMayBeWaiting];
        }
        if (first)
            firstSubscribed?.Invoke();
        return new Subscription(this, entriesMayBeWaiting);
    }

    public void Raise()
    {
        foreach (var subscriber in Volatile.Read(ref _subscribers))
            subscriber();
    }

    private void Unsubscribe(Action entriesMayBeWaiting)
    {
        bool last;
        lock (_lock)
        {
            var index = Array.IndexOf(_subscribers, entriesMayBeWaiting);
            if (index < 0)
                return;
            _subscribers = [.. _subscribers[..index], .. _subscribers[(index + 1)..]];
            last = _subscribers.Length == 0;
        }
        if (last)
            lastUnsubscribed?.Invoke();
    }

    private sealed class Subscription(OutboxSignalSubscribers owner, Action entriesMayBeWaiting) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
                owner.Unsubscribe(entriesMayBeWaiting);
        }
    }
}
