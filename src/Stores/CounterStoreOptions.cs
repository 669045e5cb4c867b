namespace Akka.Ingest.Stores;

public enum StoreKind
{
    Sqlite,
    Postgres,
}

/// <summary>Which store holds the counts and how to reach it.</summary>
public sealed class CounterStoreOptions
{
    public const string DefaultSqliteConnectionString = "Data Source=akka-ingest.db";

    public StoreKind Kind { get; set; } = StoreKind.Sqlite;

    /// <summary>An Npgsql or Microsoft.Data.Sqlite connection string; the SQLite default when empty.</summary>
    public string? ConnectionString { get; set; }
}
