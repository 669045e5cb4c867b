using System.Globalization;
using Npgsql;

namespace Akka.Ingest.Pipeline.Cluster;

/// <summary>Session settings cluster mode adds to the PostgreSQL connection string (through Npgsql's <c>Options</c>).</summary>
public static class PostgresSessionSettings
{
    private const string IdleInTransaction = "idle_in_transaction_session_timeout";

    /// <summary>
    /// Adds <c>-c idle_in_transaction_session_timeout=…</c> unless the connection string already sets it; leaves
    /// anything that is not a valid connection string alone, for the store's own check to report.
    /// </summary>
    public static string? WithIdleInTransactionTimeout(string? connectionString, TimeSpan timeout)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
            return connectionString;
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException)
        {
            return connectionString;
        }
        if (builder.Options?.Contains(IdleInTransaction, StringComparison.Ordinal) == true)
            return connectionString;
        var setting = $"-c {IdleInTransaction}={((long)timeout.TotalMilliseconds).ToString(CultureInfo.InvariantCulture)}";
        builder.Options = string.IsNullOrWhiteSpace(builder.Options) ? setting : $"{builder.Options} {setting}";
        return builder.ConnectionString;
    }
}
