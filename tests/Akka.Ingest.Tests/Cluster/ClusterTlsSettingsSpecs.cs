using System.Security.Cryptography.X509Certificates;
using Akka.Ingest.Pipeline.Cluster;
using Akka.Ingest.Pipeline.Config;
using Akka.Ingest.Stores;
using Akka.Ingest.Testing;

namespace Akka.Ingest.Tests.Cluster;

/// <summary>
/// <c>Ingest:Cluster:Tls</c> as the validator and the peer check read it: what a certificate must be to start, which
/// seeds go with TLS, and which peer certificates a node accepts (its own, and those named for a rotation).
/// </summary>
public sealed class ClusterTlsSettingsSpecs : IDisposable
{
    private readonly TestCertificate _certificate = TestCertificate.Create();

    private static IngestOptions Options(IngestClusterTlsOptions tls, params string[] seeds) => new()
    {
        Store = { Kind = StoreKind.Postgres, ConnectionString = "Host=db;Username=x" },
        Cluster = { Enabled = true, SeedNodes = seeds, Tls = tls },
    };

    private IngestClusterTlsOptions Tls(params string[] accepted) =>
        new() { CertificatePath = _certificate.Path, CertificatePassword = _certificate.Password, AcceptedSha256Fingerprints = accepted };

    private static IReadOnlyList<string> Failures(IngestOptions options) =>
        new IngestClusterOptionsValidator().Validate(null, options).Failures?.ToList() ?? [];

    [Fact]
    public void Should_accept_a_usable_certificate_with_tls_seeds_and_address_the_node_over_tls()
    {
        var options = Options(Tls(), "akka.ssl.tcp://akka-ingest@node1:4053");

        Assert.Empty(Failures(options));
        Assert.Equal("akka.ssl.tcp://akka-ingest@127.0.0.1:4053", options.Cluster.SelfAddress);
    }

    [Theory]
    [InlineData("akka.tcp://akka-ingest@node1:4053", true, "is a plaintext address; with Ingest:Cluster:Tls every node's address is akka.ssl.tcp://akka-ingest@node1:4053.")]
    [InlineData("akka.ssl.tcp://akka-ingest@node1:4053", false, "is a TLS address, but Ingest:Cluster:Tls:CertificatePath is not set")]
    public void Should_refuse_seeds_of_the_other_transport(string seed, bool tls, string expected) =>
        Assert.Contains(Failures(Options(tls ? Tls() : new IngestClusterTlsOptions(), seed)), f => f.Contains(expected, StringComparison.Ordinal));

    [Fact]
    public void Should_refuse_an_expired_certificate()
    {
        using var expired = TestCertificate.Create(validFor: TimeSpan.FromDays(-1));

        var failures = Failures(Options(new IngestClusterTlsOptions { CertificatePath = expired.Path, CertificatePassword = expired.Password }));

        Assert.Contains(failures, f => f.Contains("expired on", StringComparison.Ordinal));
    }

    [Fact]
    public void Should_refuse_a_certificate_file_that_is_not_pkcs12()
    {
        var pem = Path.Combine(Path.GetTempPath(), $"akka-ingest-cluster-{Guid.NewGuid():N}.crt");
        File.WriteAllText(pem, _certificate.Certificate.ExportCertificatePem());
        try
        {
            Assert.Contains(Failures(Options(new IngestClusterTlsOptions { CertificatePath = pem })),
                f => f.Contains("is not a PKCS#12 file", StringComparison.Ordinal));
        }
        finally
        {
            File.Delete(pem);
        }
    }

    [Fact]
    public void Should_refuse_tls_settings_without_a_certificate_path() =>
        Assert.Contains(Failures(Options(new IngestClusterTlsOptions { CertificatePassword = "secret" })),
            f => f.Contains("Ingest:Cluster:Tls:CertificatePath is not set, so TLS is off", StringComparison.Ordinal));

    [Fact]
    public void Should_refuse_an_accepted_fingerprint_that_is_not_sha256() =>
        Assert.Contains(Failures(Options(Tls("AB:CD"))), f => f.Contains("'AB:CD' is not a SHA-256 fingerprint", StringComparison.Ordinal));

    [Fact]
    public void Should_accept_only_its_own_certificate_or_an_accepted_one_in_date()
    {
        using var next = TestCertificate.Create("CN=akka-ingest-cluster-next");
        using var stranger = TestCertificate.Create();
        using var expiredNext = TestCertificate.Create(validFor: TimeSpan.FromDays(-1));
        // As openssl prints it: upper-case pairs with colons; lower case works too.
        var colons = string.Join(':', next.Sha256Fingerprint.Chunk(2).Select(pair => new string(pair)));
        var certificate = ClusterCertificate.Load(Tls(colons, expiredNext.Sha256Fingerprint.ToLowerInvariant()), DateTime.UtcNow);
        var now = DateTime.UtcNow;

        Assert.True(certificate.Accepts(X509CertificateLoader.LoadCertificate(_certificate.Certificate.RawData), now));
        Assert.True(certificate.Accepts(next.Certificate, now));
        Assert.False(certificate.Accepts(stranger.Certificate, now));
        Assert.False(certificate.Accepts(expiredNext.Certificate, now));
        Assert.False(certificate.Accepts(null, now));
        Assert.False(certificate.Accepts(next.Certificate, now.AddDays(2)));
    }

    public void Dispose() => _certificate.Dispose();
}
