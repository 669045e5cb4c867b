using Akka.Ingest.Domain;
using Akka.Ingest.Stores;
using Akka.Ingest.Stores.Postgres;

namespace Akka.Ingest.IntegrationTests.Stores;

[Collection(PostgresCollection.Name)]
public sealed class PostgresCounterStoreSpecs(PostgresFixture postgres) : CounterStoreContract
{
    private string? _connectionString;

    protected override async Task<ICounterStore> CreateStoreAsync(CatchAllPolicy policy) =>
        new PostgresCounterStore(_connectionString = await postgres.Server.CreateDatabaseAsync("contract"), policy);

    protected override ICounterStore OpenSameDatabase(CatchAllPolicy policy, CounterStoreOptions? options = null) =>
        new PostgresCounterStore(_connectionString!, policy, options);
}
