using Akka.Ingest.StatusFeed;

namespace Akka.Ingest.Tests.StatusFeed;

/// <summary>A relay lease the spec grants and takes away; <see cref="GivenUp"/> runs when its contender disposes its handle.</summary>
public sealed class ControlledRelayLease : IRelayLease
{
    private Action<RelayLeaseChange>? _contender;

    public string Description => "a lease the spec controls";

    public Action? GivenUp { get; set; }

    public bool HasContender => Volatile.Read(ref _contender) is not null;

    public IDisposable Contend(Action<RelayLeaseChange> changed)
    {
        Volatile.Write(ref _contender, changed);
        return new Contention(this);
    }

    public void Grant() => Contender().Invoke(new RelayLeaseChange(true, "granted by the spec"));

    public void Revoke() => Contender().Invoke(new RelayLeaseChange(false, "revoked by the spec"));

    private Action<RelayLeaseChange> Contender() =>
        Volatile.Read(ref _contender) ?? throw new InvalidOperationException("Nobody contends for the lease yet.");

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private sealed class Contention(ControlledRelayLease lease) : IDisposable
    {
        public void Dispose()
        {
            Volatile.Write(ref lease._contender, null);
            lease.GivenUp?.Invoke();
        }
    }
}
