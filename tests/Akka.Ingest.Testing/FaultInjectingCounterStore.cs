using Akka.Ingest.Domain;
using Akka.Ingest.Stores;

namespace Akka.Ingest.Testing;

/// <summary>The faults <see cref="FaultInjectingCounterStore"/> can inject into one apply.</summary>
public enum StoreFault
{
    None,

    /// <summary>Throws before touching the inner store: nothing applied.</summary>
    FailBeforeCommit,

    /// <summary>Applies to the inner store, then throws <see cref="AmbiguousCommitException"/>.</summary>
    FailAfterCommit,
}

/// <summary>
/// Decorates a store with scripted faults: each apply takes the next fault from the script (then
/// <see cref="StoreFault.None"/>). Counts applies, so specs can see the retries.
/// </summary>
public sealed class FaultInjectingCounterStore(ICounterStore inner, Func<int, StoreFault> faultForAttempt) : DelegatingCounterStore(inner)
{
    private int _attempts;

    public FaultInjectingCounterStore(ICounterStore inner, params StoreFault[] script)
        : this(inner, attempt => attempt <= script.Length ? script[attempt - 1] : StoreFault.None)
    {
    }

    public int Attempts => Volatile.Read(ref _attempts);

    public override string Description => $"faulty {Inner.Description}";

    protected override async Task<WriteOutcome> ApplyAsync(ICounterWriter innerWriter, IReadOnlyList<CounterBatch> contributions, CancellationToken cancellationToken)
    {
        var attempt = Interlocked.Increment(ref _attempts);
        switch (faultForAttempt(attempt))
        {
            case StoreFault.FailBeforeCommit:
                throw new InvalidOperationException($"Injected failure before commit (attempt {attempt}).");
            case StoreFault.FailAfterCommit:
                await innerWriter.ApplyAsync(contributions, cancellationToken);
                throw new AmbiguousCommitException($"Injected failure after commit (attempt {attempt}).");
            default:
                return await innerWriter.ApplyAsync(contributions, cancellationToken);
        }
    }
}
