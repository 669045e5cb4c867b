using Akka.Ingest.Domain;
using Akka.Ingest.Stores.Postgres;
using Akka.Ingest.Stores.Sqlite;

namespace Akka.Ingest.Stores;

public static class CounterStoreFactory
{
    public static ICounterStore Create(CounterStoreOptions options, CatchAllPolicy policy)
    {
        try
        {
            return CreateStore(options, policy);
        }
        catch (ArgumentException ex)
        {
            throw new InvalidOperationException(
                $"Ingest:Store:ConnectionString is not a valid {options.Kind} connection string: {ex.Message}", ex);
        }
    }

    private static ICounterStore CreateStore(CounterStoreOptions options, CatchAllPolicy policy) => options.Kind switch
    {
        StoreKind.Postgres => new PostgresCounterStore(
            string.IsNullOrWhiteSpace(options.ConnectionString)
                ? throw new InvalidOperationException("The postgres store needs a connection string (Ingest:Store:ConnectionString).")
                : options.ConnectionString,
            policy,
            options),
        _ => new SqliteCounterStore(
            string.IsNullOrWhiteSpace(options.ConnectionString) ? CounterStoreOptions.DefaultSqliteConnectionString : options.ConnectionString,
            policy,
            options),
    };
}
