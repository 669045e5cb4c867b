using Akka.Ingest.Testing;

namespace Akka.Ingest.Tests.Cluster;

/// <summary>
/// Cluster mode refuses to start with one clear line when it cannot work: SQLite, a malformed seed, or a TLS
/// certificate it cannot use (no file, a wrong password, no private key).
/// </summary>
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

    [Fact]
    public async Task Should_refuse_a_certificate_file_that_is_not_there() =>
        await AssertRefusedAsync(
            ClusterArgs(["--Ingest:Cluster:Tls:CertificatePath=/nonexistent/cluster.p12", "--Ingest:Cluster:Tls:CertificatePassword=x"]),
            "Ingest:Cluster:Tls:CertificatePath: there is no file '/nonexistent/cluster.p12'.");

    [Fact]
    public async Task Should_refuse_a_wrong_certificate_password()
    {
        using var certificate = TestCertificate.Create();

        await AssertRefusedAsync(
            ClusterArgs([$"--Ingest:Cluster:Tls:CertificatePath={certificate.Path}", "--Ingest:Cluster:Tls:CertificatePassword=not-the-password"]),
            "cannot be opened with Ingest:Cluster:Tls:CertificatePassword (a wrong password?)");
    }

    [Fact]
    public async Task Should_refuse_a_certificate_without_its_private_key()
    {
        using var certificate = TestCertificate.Create(withPrivateKey: false);

        await AssertRefusedAsync(ClusterArgs(certificate.HostArgs), "holds no private key for its certificate (CN=akka-ingest-cluster)");
    }

    private static string[] ClusterArgs(string[] tls) =>
        ["--store", "Postgres", "--connection-string", "Host=/nonexistent-socket-dir;Username=x", "--Ingest:Cluster:Enabled=true", .. tls];

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
