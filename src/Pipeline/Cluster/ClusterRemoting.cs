using System.Security.Cryptography.X509Certificates;
using Akka.Event;
using Akka.Ingest.Pipeline.Config;
using Akka.Remote.Hosting;

namespace Akka.Ingest.Pipeline.Cluster;

/// <summary>
/// The remoting transport of a cluster node: its addresses and frame size, and with <c>Ingest:Cluster:Tls</c> mutual
/// TLS where a peer is accepted only if it presents the cluster's certificate (<see cref="ClusterCertificate"/>).
/// </summary>
public static class ClusterRemoting
{
    public static RemoteOptions Options(IngestClusterOptions cluster)
    {
        var remote = new RemoteOptions
        {
            HostName = cluster.BindHost,
            PublicHostName = cluster.Hostname,
            Port = cluster.Port,
            MaxFrameSize = cluster.MaxFrameSize,
            SendBufferSize = cluster.MaxFrameSize * 2,
            ReceiveBufferSize = cluster.MaxFrameSize * 2,
        };
        if (cluster.Tls.Enabled)
        {
            var certificate = ClusterCertificate.Load(cluster.Tls, DateTime.UtcNow);
            remote.EnableSsl = true;
            remote.Ssl = new SslOptions
            {
                X509Certificate = certificate.Certificate,
                SuppressValidation = false,
                // Both ends present the certificate: an outsider can neither accept a node's connection nor open one.
                RequireMutualAuthentication = true,
                // One certificate for every node, which the nodes dial by their own names (pod names, service names).
                ValidateCertificateHostname = false,
                CustomValidator = (peer, _, remotePeer, _, log) => Accepts(certificate, peer, remotePeer, log),
            };
        }
        return remote;
    }

    private static bool Accepts(ClusterCertificate certificate, X509Certificate2? peer, string remotePeer, ILoggingAdapter log)
    {
        if (certificate.Accepts(peer, DateTime.UtcNow))
            return true;
        log.Warning("Refused the TLS peer {Peer}: it presented {Fingerprint} ({Subject}, valid until {NotAfter}), not the cluster's certificate {Expected} or an accepted one in date",
            remotePeer, peer is null ? "no certificate" : ClusterCertificate.FingerprintOf(peer), peer?.Subject, peer?.NotAfter.ToUniversalTime().ToString("u"), certificate.Fingerprint);
        return false;
    }
}
