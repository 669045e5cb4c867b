using Npgsql;

namespace Akka.Ingest.Bench;

/// <summary>
/// Counts the backends connected to one database (<c>pg_stat_activity</c>) four times a second, from its own
/// connection to the server's <c>postgres</c> database, and keeps the peak: what a node set holds against
/// <c>max_connections</c>.
/// </summary>
public sealed class BackendSampler : IAsyncDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _peak;

    private BackendSampler(string adminConnectionString, string database) => _loop = SampleAsync(adminConnectionString, database, _stop.Token);

    public int Peak => Volatile.Read(ref _peak);

    public static BackendSampler Start(string adminConnectionString, string database) => new(adminConnectionString, database);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }

    private async Task SampleAsync(string adminConnectionString, string database, CancellationToken stop)
    {
        try
        {
            await using var connection = new NpgsqlConnection(adminConnectionString);
            await connection.OpenAsync(stop);
            await using var command = new NpgsqlCommand("SELECT count(*)::int FROM pg_stat_activity WHERE datname = $1", connection);
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = database });
            while (true)
            {
                var count = (int)(await command.ExecuteScalarAsync(stop))!;
                if (count > _peak)
                    Volatile.Write(ref _peak, count);
                await Task.Delay(Interval, stop);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // disposed: the peak so far is the answer
        }
    }
}
