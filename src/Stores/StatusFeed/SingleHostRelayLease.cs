namespace Akka.Ingest.StatusFeed;

/// <summary>The lease of a store that only one host uses (a SQLite file): held from the start, by its only contender.</summary>
public sealed class SingleHostRelayLease(string description) : IRelayLease
{
    public string Description => description;

    public IDisposable Contend(Action<RelayLeaseChange> changed)
    {
        changed(new RelayLeaseChange(true, "one host uses the store, nothing to elect"));
        return new GivenUp();
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private sealed class GivenUp : IDisposable
    {
        public void Dispose()
        {
        }
    }
}
