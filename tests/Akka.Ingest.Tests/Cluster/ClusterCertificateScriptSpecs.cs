using System.Diagnostics;
using Akka.Ingest.Pipeline.Cluster;
using Akka.Ingest.Pipeline.Config;

namespace Akka.Ingest.Tests.Cluster;

/// <summary>
/// scripts/make-cluster-certificate.sh: its file is one the host starts with (PKCS#12, the key inside, the password
/// it was given), it prints that certificate's fingerprint, each run makes another certificate, and it never
/// overwrites a file.
/// </summary>
public sealed class ClusterCertificateScriptSpecs : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("akka-ingest-certificate-").FullName;

    [Fact]
    public async Task Should_make_a_certificate_the_host_accepts_and_print_its_fingerprint()
    {
        var path = Path.Combine(_folder, "cluster.p12");
        var (exitCode, output) = await RunAsync(path, "s3cret");

        Assert.True(exitCode == 0, output);
        var tls = new IngestClusterTlsOptions { CertificatePath = path, CertificatePassword = "s3cret" };
        Assert.Null(ClusterCertificate.Problem(tls, DateTime.UtcNow));
        var certificate = ClusterCertificate.Load(tls, DateTime.UtcNow);
        Assert.Contains($"SHA-256 fingerprint: {string.Join(':', certificate.Fingerprint.Chunk(2).Select(pair => new string(pair)))}", output);
        Assert.True(certificate.Certificate.NotAfter > DateTime.Now.AddDays(800), $"expires {certificate.Certificate.NotAfter}");

        var next = Path.Combine(_folder, "next.p12");
        Assert.Equal(0, (await RunAsync(next, "s3cret")).ExitCode);
        var nextCertificate = ClusterCertificate.Load(new IngestClusterTlsOptions { CertificatePath = next, CertificatePassword = "s3cret" }, DateTime.UtcNow);
        Assert.False(certificate.Accepts(nextCertificate.Certificate, DateTime.UtcNow));

        var again = await RunAsync(path, "other");
        Assert.NotEqual(0, again.ExitCode);
        Assert.Contains("exists", again.Output);
        Assert.Null(ClusterCertificate.Problem(tls, DateTime.UtcNow));
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string path, string password)
    {
        var start = new ProcessStartInfo("bash", [RepositoryFiles.PathOf("scripts/make-cluster-certificate.sh"), path])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["INGEST_CLUSTER_TLS_PASSWORD"] = password },
        };
        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, output + await errors);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
