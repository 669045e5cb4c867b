using Akka.Ingest.Domain;
using Akka.Ingest.Stores;
using Akka.Ingest.Stores.Sqlite;

namespace Akka.Ingest.IntegrationTests.Stores;

public sealed class SqliteCounterStoreSpecs : CounterStoreContract, IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"akka-ingest-contract-{Guid.NewGuid():N}.db");

    protected override Task<ICounterStore> CreateStoreAsync(CatchAllPolicy policy) =>
        Task.FromResult<ICounterStore>(new SqliteCounterStore($"Data Source={_file}", policy));

    protected override ICounterStore OpenSameDatabase(CatchAllPolicy policy, CounterStoreOptions? options = null) =>
        new SqliteCounterStore($"Data Source={_file}", policy, options);

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _file, _file + "-wal", _file + "-shm" })
            File.Delete(file);
    }
}
