using Akka.Ingest.Domain;
using Akka.Ingest.Stores;

namespace Akka.Ingest.Testing;

/// <summary>
/// Decorates a store with an outage a spec switches on and off: while <see cref="Down"/>, every call fails
/// before touching the inner store, as an unreachable database would (nothing applied).
/// </summary>
public sealed class OutageCounterStore(ICounterStore inner) : DelegatingCounterStore(inner)
{
    private volatile bool _down;

    public bool Down
    {
        get => _down;
        set => _down = value;
    }

    public override string Description => $"switchable {Inner.Description}";

    public override Task<ICounterWriter> OpenWriterAsync(CancellationToken cancellationToken) =>
        Down ? Task.FromException<ICounterWriter>(Unreachable()) : base.OpenWriterAsync(cancellationToken);

    public override Task<DomainCounts> ReadAsync(string domain, CancellationToken cancellationToken) =>
        Down ? Task.FromException<DomainCounts>(Unreachable()) : Inner.ReadAsync(domain, cancellationToken);

    public override Task PingAsync(CancellationToken cancellationToken) =>
        Down ? Task.FromException(Unreachable()) : Inner.PingAsync(cancellationToken);

    protected override Task<WriteOutcome> ApplyAsync(ICounterWriter innerWriter, IReadOnlyList<CounterBatch> contributions, CancellationToken cancellationToken) =>
        Down ? Task.FromException<WriteOutcome>(Unreachable()) : innerWriter.ApplyAsync(contributions, cancellationToken);

    public const string OutageMessage = "Injected outage: the store is unreachable.";

    private static InvalidOperationException Unreachable() => new(OutageMessage);
}
