using Akka.Ingest.StatusFeed;
using Akka.Ingest.Stores.Postgres;

namespace Akka.Ingest.Stores;

/// <summary>
/// The relay lease for the store's kind: an advisory lock on PostgreSQL, which several hosts may share; held at once
/// on SQLite, which one host uses.
/// </summary>
public static class RelayLeaseFactory
{
    public static IRelayLease Create(CounterStoreOptions options, TimeSpan retryInterval)
    {
        if (options.Kind != StoreKind.Postgres)
            return new SingleHostRelayLease("SQLite");
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
            throw new InvalidOperationException("The postgres store needs a connection string (Ingest:Store:ConnectionString).");
        try
        {
            return new PostgresRelayLease(options.ConnectionString, retryInterval);
        }
        catch (ArgumentException ex)
        {
            throw new InvalidOperationException($"Ingest:Store:ConnectionString is not a valid {options.Kind} connection string: {ex.Message}", ex);
        }
    }
}
