using Akka.Ingest.Domain;
using Akka.Ingest.Stores;
using Akka.Ingest.Stores.Postgres;

namespace Akka.Ingest.IntegrationTests.Stores;

[Collection(PostgresCollection.Name)]
public sealed class PostgresCounterStoreSpecs(PostgresFixture postgres) : CounterStoreContract
{
    protected override async Task<ICounterStore> CreateStoreAsync(CatchAllPolicy policy) =>
        new PostgresCounterStore(await postgres.Server.CreateDatabaseAsync("contract"), policy);
}
