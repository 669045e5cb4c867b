using System.Diagnostics;
using System.Threading.Channels;
using Akka.Ingest.Domain;
using Akka.Ingest.Workload.Distributions;
using Npgsql;
using NpgsqlTypes;

namespace Akka.Ingest.Bench;

/// <summary>
/// The database's own ceiling for a stream: the same seeded events, cut into chunks of 10,000 events, each folded into
/// one row per domain (sorted, as the store does) and upserted with one prepared
/// <c>INSERT … SELECT FROM unnest(…) ON CONFLICT (domain) DO UPDATE SET count = count + delta</c> per chunk, in its own
/// transaction, over as many connections as the host has partition writers. No batch ids, no status transitions.
/// </summary>
public static class RawUpsertLoop
{
    public const int ChunkEvents = 10_000;

    private const string CreateTable = """
        CREATE TABLE domain_counts (
            domain    text   PRIMARY KEY,
            delivered bigint NOT NULL DEFAULT 0 CHECK (delivered >= 0),
            bounced   bigint NOT NULL DEFAULT 0 CHECK (bounced >= 0)
        )
        """;

    private const string UpsertSql = """
        INSERT INTO domain_counts AS c (domain, delivered, bounced)
        SELECT * FROM unnest($1::text[], $2::bigint[], $3::bigint[])
        ON CONFLICT (domain) DO UPDATE
            SET delivered = c.delivered + EXCLUDED.delivered, bounced = c.bounced + EXCLUDED.bounced
        """;

    public sealed record Result(double EventsPerSecond, double RowsPerSecond, CpuSplit Cpu);

    public static async Task<Result> RunAsync(string connectionString, string distribution, long seed, long events, int connections, int postgresPid)
    {
        await using (var setup = new NpgsqlConnection(connectionString))
        {
            await setup.OpenAsync();
            await using var create = new NpgsqlCommand(CreateTable, setup);
            await create.ExecuteNonQueryAsync();
        }

        var chunks = Channel.CreateBounded<Chunk>(new BoundedChannelOptions(connections * 2) { SingleWriter = true });
        long rows = 0;
        var meter = CpuSplit.Start(LoadToolKind.ThisProcess, Environment.ProcessId, postgresPid);
        var started = Stopwatch.GetTimestamp();
        var producer = Task.Run(() => ProduceAsync(chunks.Writer, EventCursor.Create(DistributionSpec.Parse(distribution), seed), events));
        var writers = Enumerable.Range(0, connections).Select(_ => Task.Run(async () =>
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(UpsertSql, connection)
            {
                Parameters =
                {
                    new NpgsqlParameter<string[]> { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text },
                    new NpgsqlParameter<long[]> { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint },
                    new NpgsqlParameter<long[]> { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint },
                },
            };
            await command.PrepareAsync();
            await foreach (var chunk in chunks.Reader.ReadAllAsync())
            {
                ((NpgsqlParameter<string[]>)command.Parameters[0]).TypedValue = chunk.Domains;
                ((NpgsqlParameter<long[]>)command.Parameters[1]).TypedValue = chunk.Delivered;
                ((NpgsqlParameter<long[]>)command.Parameters[2]).TypedValue = chunk.Bounced;
                await command.ExecuteNonQueryAsync();
                Interlocked.Add(ref rows, chunk.Domains.Length);
            }
        })).ToArray();
        await producer;
        await Task.WhenAll(writers);
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        // The runner is both the load and the "server" here; the split shows this process against PostgreSQL.
        var cpu = meter.Stop();
        return new Result(events / seconds, rows / seconds, cpu with { Server = 0 });
    }

    private static async Task ProduceAsync(ChannelWriter<Chunk> chunks, EventCursor cursor, long events)
    {
        var fold = new Dictionary<string, (long Delivered, long Bounced)>(StringComparer.Ordinal);
        for (var done = 0L; done < events;)
        {
            var size = (int)Math.Min(ChunkEvents, events - done);
            fold.Clear();
            for (var i = 0; i < size; i++)
            {
                var evt = cursor.Next();
                fold.TryGetValue(evt.Domain, out var counts);
                fold[evt.Domain] = evt.Kind == EventKind.Bounced ? (counts.Delivered, counts.Bounced + 1) : (counts.Delivered + 1, counts.Bounced);
            }
            done += size;

            var domains = fold.Keys.ToArray();
            Array.Sort(domains, StringComparer.Ordinal);
            var delivered = new long[domains.Length];
            var bounced = new long[domains.Length];
            for (var i = 0; i < domains.Length; i++)
                (delivered[i], bounced[i]) = fold[domains[i]];
            await chunks.WriteAsync(new Chunk(domains, delivered, bounced));
        }
        chunks.Complete();
    }

    private sealed record Chunk(string[] Domains, long[] Delivered, long[] Bounced);
}
