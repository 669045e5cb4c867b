using Npgsql;

namespace Akka.Ingest.Bench;

/// <summary>
/// The naive baseline (<c>Akka.Ingest.Bench naive-upsert --urls … --connection-string …</c>): what a user would write
/// instead of Akka.Ingest. A minimal ASP.NET API whose <c>PUT /events/{domain}/{kind}</c> runs one
/// <c>INSERT … ON CONFLICT DO UPDATE</c> per request on a pooled Npgsql connection (default pool settings, no
/// batching) and answers 204 after it commits. Same web SDK and runtime settings as the host (server GC).
/// </summary>
public static class NaiveUpsertService
{
    public const string Verb = "naive-upsert";

    public static async Task<int> RunAsync(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Logging.ClearProviders();
        var connectionString = builder.Configuration["connection-string"]
            ?? throw new ArgumentException("naive-upsert needs --connection-string.");
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxConcurrentConnections = 20_000);
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using (var create = dataSource.CreateCommand(
            "CREATE TABLE IF NOT EXISTS naive_counts (domain text PRIMARY KEY, delivered bigint NOT NULL, bounced bigint NOT NULL)"))
        {
            await create.ExecuteNonQueryAsync();
        }

        var app = builder.Build();
        app.MapPut("/events/{domain}/{kind}", async (string domain, string kind, CancellationToken cancellationToken) =>
        {
            if (kind is not ("delivered" or "bounced"))
                return Results.Problem(statusCode: 400, title: "kind must be 'delivered' or 'bounced'");
            var bounced = kind == "bounced" ? 1L : 0L;
            await using var command = dataSource.CreateCommand("""
                INSERT INTO naive_counts AS c (domain, delivered, bounced) VALUES ($1, $2, $3)
                ON CONFLICT (domain) DO UPDATE SET delivered = c.delivered + EXCLUDED.delivered, bounced = c.bounced + EXCLUDED.bounced
                """);
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = domain.ToLowerInvariant() });
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = 1 - bounced });
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = bounced });
            await command.ExecuteNonQueryAsync(cancellationToken);
            return Results.NoContent();
        });
        await app.StartAsync();
        // The runner waits for this line, as it does for the host's.
        Console.WriteLine($"Now listening on: {app.Urls.First()}");
        await app.WaitForShutdownAsync();
        return 0;
    }
}
