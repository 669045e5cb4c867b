using Akka.Ingest.Domain;

namespace Akka.Ingest.Stores.Sqlite;

/// <summary>A partition writer's session on SQLite: it takes its turn on the store's one write connection.</summary>
internal sealed class SqliteCounterWriter(SqliteCounterStore store) : ICounterWriter
{
    public Task<WriteOutcome> ApplyAsync(IReadOnlyList<CounterBatch> contributions, CancellationToken cancellationToken) =>
        store.ApplyAsync(contributions, cancellationToken);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
