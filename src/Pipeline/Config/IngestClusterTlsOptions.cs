namespace Akka.Ingest.Pipeline.Config;

/// <summary>
/// The <c>Ingest:Cluster:Tls</c> section: TLS on the remoting port with one certificate shared by every node
/// (<c>scripts/make-cluster-certificate.sh</c>). Each node presents it and accepts a peer only if the peer presents
/// it too, both ways (mutual TLS), so only a holder of its private key can connect. Off while
/// <see cref="CertificatePath"/> is empty.
/// </summary>
public sealed class IngestClusterTlsOptions
{
    /// <summary>A PKCS#12 file holding the certificate and its private key, the same file on every node.</summary>
    public string? CertificatePath { get; set; }

    public string? CertificatePassword { get; set; }

    /// <summary>
    /// SHA-256 fingerprints of further certificates a peer may present, besides this node's own: the next (or the
    /// previous) certificate while a rotation rolls through the nodes (docs/SCALING.md). Hex, colons allowed
    /// (<c>openssl x509 -noout -fingerprint -sha256</c> prints one).
    /// </summary>
    public string[] AcceptedSha256Fingerprints { get; set; } = [];

    public bool Enabled => !string.IsNullOrWhiteSpace(CertificatePath);
}
