using Akka.Ingest.Pipeline.Config;
using Akka.Ingest.Stores;

namespace Akka.Ingest.Tests.Config;

/// <summary>The start-up line's connection budget names every connection a PostgreSQL node may hold, in each mode.</summary>
public sealed class ConnectionBudgetLineSpecs
{
    [Fact]
    public void Should_count_the_relay_listener_and_the_relay_lease_on_a_host_without_a_cluster()
    {
        Assert.Equal("1 commit lane; at most 16 PostgreSQL connections: 1 lane + 1 isolation + 8 read + 4 journal + 1 relay listener + 1 relay lease",
            StartupBanner.ConnectionBudget(Postgres()));
    }

    [Fact]
    public void Should_count_no_relay_lease_in_a_cluster_where_the_relay_is_a_singleton()
    {
        var options = Postgres();
        options.Cluster.Enabled = true;

        Assert.Equal("1 commit lane; at most 15 PostgreSQL connections: 1 lane + 1 isolation + 8 read + 4 journal + 1 relay listener",
            StartupBanner.ConnectionBudget(options));
    }

    [Fact]
    public void Should_count_neither_relay_connection_where_the_relay_is_off()
    {
        var options = Postgres();
        options.StatusFeed.RunRelay = false;

        Assert.Equal("1 commit lane; at most 14 PostgreSQL connections: 1 lane + 1 isolation + 8 read + 4 journal",
            StartupBanner.ConnectionBudget(options));
    }

    private static IngestOptions Postgres() => new() { Store = { Kind = StoreKind.Postgres } };
}
