using System.Net;
using System.Text.Json;
using Akka.Ingest.Testing;
using Npgsql;

namespace Akka.Ingest.IntegrationTests.Ingestion;

/// <summary>The public reads on a real PostgreSQL: bad listing input is a 400, a read that runs too long a 503, never a 500.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresReadPathSpecs(PostgresFixture postgres)
{
    [Theory]
    [InlineData("%00")]
    [InlineData("a%00b.example")]
    [InlineData("%0A")]
    public async Task Should_refuse_a_listing_after_that_postgres_cannot_hold_with_400(string after)
    {
        await using var host = await IngestHost.StartAsync(["--store", "Postgres", "--connection-string", await postgres.Server.CreateDatabaseAsync("read")]);

        var response = await host.Client.GetAsync($"/domains?status=catch-all&after={after}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("'after'", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/domains/slow.example")]
    [InlineData("/domains?status=unknown")]
    [InlineData("/domains?status=catch-all")]
    public async Task Should_answer_503_with_a_problem_when_a_read_outlasts_the_read_statement_timeout(string path)
    {
        var connectionString = await postgres.Server.CreateDatabaseAsync("read");
        await using var host = await IngestHost.StartAsync(["--store", "Postgres", "--connection-string", connectionString,
            "--Ingest:Store:ReadStatementTimeout=00:00:00.300"]);
        Assert.Equal(HttpStatusCode.NoContent, (await host.Client.PutAsync("/events/slow.example/delivered", null)).StatusCode);

        // Another session holds both tables exclusively: every read waits until its statement timeout cancels it.
        await using var locker = new NpgsqlConnection(connectionString);
        await locker.OpenAsync();
        await using var transaction = await locker.BeginTransactionAsync();
        await using (var lockTables = new NpgsqlCommand("LOCK TABLE domain_counts, domain_status IN ACCESS EXCLUSIVE MODE", locker, transaction))
            await lockTables.ExecuteNonQueryAsync();

        var response = await host.Client.GetAsync(path);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.NotNull(response.Headers.RetryAfter);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(503, problem.RootElement.GetProperty("status").GetInt32());
        await transaction.RollbackAsync();
        Assert.Equal(HttpStatusCode.OK, (await host.Client.GetAsync(path)).StatusCode);
    }
}
