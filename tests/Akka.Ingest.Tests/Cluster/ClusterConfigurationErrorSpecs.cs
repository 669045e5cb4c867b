using Akka.Ingest.Testing;

namespace Akka.Ingest.Tests.Cluster;

/// <summary>Cluster mode refuses to start with one clear line when it cannot work: SQLite, or a malformed seed.</summary>
public sealed class ClusterConfigurationErrorSpecs
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Should_refuse_cluster_mode_on_sqlite() =>
        await AssertRefusedAsync(["--Ingest:Cluster:Enabled=true"], "Ingest:Cluster:Enabled needs PostgreSQL (Ingest:Store:Kind=Postgres)");

    [Theory]
    [InlineData("127.0.0.1:4053", "is not an address such as akka.tcp://akka-ingest@127.0.0.1:4053")]
    [InlineData("akka.tcp://other-system@127.0.0.1:4053", "names the actor system 'other-system'")]
    public async Task Should_refuse_a_malformed_seed_node(string seed, string expected) =>
        await AssertRefusedAsync(
            ["--store", "Postgres", "--connection-string", "Host=/nonexistent-socket-dir;Username=x", "--Ingest:Cluster:Enabled=true", $"--Ingest:Cluster:SeedNodes:0={seed}"],
            expected);

    private static async Task AssertRefusedAsync(string[] args, string expected)
    {
        var (exitCode, output) = await HostProcess.RunToExitAsync(args, Timeout);

        Assert.NotEqual(0, exitCode);
        var fatal = output.Split('\n').Where(line => line.Contains("FTL", StringComparison.Ordinal)).ToArray();
        Assert.True(fatal.Length == 1, $"expected one fatal line:\n{output}");
        Assert.Contains(expected, fatal[0]);
        Assert.DoesNotContain("   at ", output);
    }
}
