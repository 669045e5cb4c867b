using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Akka.Ingest.Testing;

/// <summary>
/// A self-signed certificate made for one spec (ECDSA P-256, as scripts/make-cluster-certificate.sh makes), written
/// as a PKCS#12 file to a temporary path and deleted on dispose, so no key file is ever committed.
/// </summary>
public sealed class TestCertificate : IDisposable
{
    private TestCertificate(string path, string password, X509Certificate2 certificate)
    {
        Path = path;
        Password = password;
        Certificate = certificate;
    }

    /// <summary>The PKCS#12 file.</summary>
    public string Path { get; }

    public string Password { get; }

    /// <summary>The certificate with its private key, as a peer outside the host would present it.</summary>
    public X509Certificate2 Certificate { get; }

    public string Sha256Fingerprint => Certificate.GetCertHashString(HashAlgorithmName.SHA256);

    /// <summary>The host's arguments that turn TLS on with this certificate.</summary>
    public string[] HostArgs => [$"--Ingest:Cluster:Tls:CertificatePath={Path}", $"--Ingest:Cluster:Tls:CertificatePassword={Password}"];

    /// <summary>
    /// A certificate valid from an hour ago until <paramref name="validFor"/> from now (a negative span makes an
    /// expired one); without its private key in the file when <paramref name="withPrivateKey"/> is false.
    /// </summary>
    public static TestCertificate Create(string subject = "CN=akka-ingest-cluster", bool withPrivateKey = true, TimeSpan? validFor = null)
    {
        var password = Convert.ToHexString(RandomNumberGenerator.GetBytes(12));
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        var notAfter = DateTimeOffset.UtcNow + (validFor ?? TimeSpan.FromDays(1));
        var notBefore = new[] { DateTimeOffset.UtcNow.AddHours(-1), notAfter.AddDays(-1) }.Min();
        using var made = request.CreateSelfSigned(notBefore, notAfter);
        var pkcs12 = withPrivateKey
            ? made.Export(X509ContentType.Pkcs12, password)
            : X509CertificateLoader.LoadCertificate(made.RawData).Export(X509ContentType.Pkcs12, password);
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"akka-ingest-cluster-{Guid.NewGuid():N}.p12");
        File.WriteAllBytes(path, pkcs12);
        return new TestCertificate(path, password, X509CertificateLoader.LoadPkcs12(pkcs12, password));
    }

    public void Dispose()
    {
        Certificate.Dispose();
        File.Delete(Path);
    }
}
