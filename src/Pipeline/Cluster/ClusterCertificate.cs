using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Akka.Ingest.Pipeline.Config;

namespace Akka.Ingest.Pipeline.Cluster;

/// <summary>
/// The certificate this node presents on the cluster port (<c>Ingest:Cluster:Tls</c>) and the test a peer's
/// certificate must pass: the same certificate, or one named by <c>AcceptedSha256Fingerprints</c>, within its
/// validity period. A pin rather than a chain: the shared certificate is self-signed, so no certificate authority
/// vouches for it, and a certificate from any authority the system trusts must not open the cluster either.
/// The TLS handshake proves the peer holds the private key of the certificate it presents.
/// </summary>
public sealed class ClusterCertificate
{
    private const string Path = "Ingest:Cluster:Tls:CertificatePath";

    private readonly HashSet<string> _accepted;

    private ClusterCertificate(X509Certificate2 certificate, IEnumerable<string> accepted)
    {
        Certificate = certificate;
        Fingerprint = FingerprintOf(certificate);
        _accepted = [Fingerprint, .. accepted];
    }

    public X509Certificate2 Certificate { get; }

    /// <summary>The certificate's SHA-256 fingerprint, upper-case hex without separators.</summary>
    public string Fingerprint { get; }

    /// <summary>Loads the certificate, or throws <see cref="InvalidOperationException"/> with the one-line <see cref="Problem"/>.</summary>
    public static ClusterCertificate Load(IngestClusterTlsOptions tls, DateTime now) =>
        TryLoad(tls, now, out var certificate) is { } problem ? throw new InvalidOperationException(problem) : certificate!;

    /// <summary>What keeps <paramref name="tls"/> from giving a usable certificate, in one sentence; null when nothing does.</summary>
    public static string? Problem(IngestClusterTlsOptions tls, DateTime now)
    {
        var problem = TryLoad(tls, now, out var certificate);
        certificate?.Certificate.Dispose();
        return problem;
    }

    /// <summary>True when <paramref name="peer"/> is the shared certificate (or an accepted one) and valid at <paramref name="now"/> (UTC).</summary>
    public bool Accepts(X509Certificate2? peer, DateTime now) =>
        peer is not null && _accepted.Contains(FingerprintOf(peer)) && ValidAt(peer, now);

    /// <summary><paramref name="now"/> is UTC; a certificate states its period in local time.</summary>
    private static bool ValidAt(X509Certificate2 certificate, DateTime now) =>
        certificate.NotBefore.ToUniversalTime() <= now && now <= certificate.NotAfter.ToUniversalTime();

    public static string FingerprintOf(X509Certificate2 certificate) => certificate.GetCertHashString(HashAlgorithmName.SHA256);

    private static string? TryLoad(IngestClusterTlsOptions tls, DateTime now, out ClusterCertificate? loaded)
    {
        loaded = null;
        if (!tls.Enabled)
            return "Ingest:Cluster:Tls:CertificatePath is not set.";
        var accepted = new List<string>();
        foreach (var fingerprint in tls.AcceptedSha256Fingerprints)
        {
            var normalised = fingerprint.Replace(":", "", StringComparison.Ordinal).Trim().ToUpperInvariant();
            if (normalised.Length != 64 || !normalised.All(Uri.IsHexDigit))
                return $"Ingest:Cluster:Tls:AcceptedSha256Fingerprints: '{fingerprint}' is not a SHA-256 fingerprint (64 hex digits, colons allowed).";
            accepted.Add(normalised);
        }

        var path = tls.CertificatePath!;
        if (!File.Exists(path))
            return $"{Path}: there is no file '{path}'.";
        X509Certificate2 certificate;
        try
        {
            if (X509Certificate2.GetCertContentType(path) != X509ContentType.Pkcs12)
                return $"{Path}: '{path}' is not a PKCS#12 file (.p12/.pfx holding the certificate and its private key).";
            certificate = X509CertificateLoader.LoadPkcs12FromFile(path, tls.CertificatePassword);
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            return $"{Path}: '{path}' cannot be read: {e.Message}";
        }
        catch (CryptographicException e)
        {
            return $"{Path}: '{path}' cannot be opened with Ingest:Cluster:Tls:CertificatePassword (a wrong password?): {e.Message}";
        }

        var problem = KeyProblem(certificate, path) ?? ValidityProblem(certificate, path, now);
        if (problem is not null)
        {
            certificate.Dispose();
            return problem;
        }
        loaded = new ClusterCertificate(certificate, accepted);
        return null;
    }

    private static string? KeyProblem(X509Certificate2 certificate, string path)
    {
        if (!certificate.HasPrivateKey)
            return $"{Path}: '{path}' holds no private key for its certificate ({certificate.Subject}); TLS needs the key too (openssl pkcs12 -export -inkey …).";
        try
        {
            using AsymmetricAlgorithm? key = certificate.GetRSAPrivateKey() ?? (AsymmetricAlgorithm?)certificate.GetECDsaPrivateKey();
            return key is null ? $"{Path}: the private key in '{path}' is neither RSA nor ECDSA." : null;
        }
        catch (CryptographicException e)
        {
            return $"{Path}: the private key in '{path}' cannot be used: {e.Message}";
        }
    }

    private static string? ValidityProblem(X509Certificate2 certificate, string path, DateTime now)
    {
        if (now > certificate.NotAfter.ToUniversalTime())
            return $"{Path}: the certificate in '{path}' expired on {certificate.NotAfter.ToUniversalTime():u}; make a new one (docs/SCALING.md, rotation).";
        if (now < certificate.NotBefore.ToUniversalTime())
            return $"{Path}: the certificate in '{path}' is valid only from {certificate.NotBefore.ToUniversalTime():u}.";
        return null;
    }
}
