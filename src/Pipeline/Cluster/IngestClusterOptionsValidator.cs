using Akka.Actor;
using Akka.Ingest.Pipeline.Config;
using Akka.Ingest.Stores;
using Microsoft.Extensions.Options;

namespace Akka.Ingest.Pipeline.Cluster;

/// <summary>Fails start-up with one line per mistake in <c>Ingest:Cluster</c> (only checked when it is enabled).</summary>
public sealed class IngestClusterOptionsValidator : IValidateOptions<IngestOptions>
{
    public ValidateOptionsResult Validate(string? name, IngestOptions options)
    {
        var cluster = options.Cluster;
        if (!cluster.Enabled)
            return ValidateOptionsResult.Success;

        var failures = new List<string>();
        if (options.Store.Kind != StoreKind.Postgres)
            failures.Add("Ingest:Cluster:Enabled needs PostgreSQL (Ingest:Store:Kind=Postgres): every node writes to one shared database, and SQLite is a file on one machine.");
        if (string.IsNullOrWhiteSpace(cluster.Hostname))
            failures.Add("Ingest:Cluster:Hostname is the name other nodes dial; it must not be empty.");
        if (cluster.Port is < 1 or > 65535)
            failures.Add("Ingest:Cluster:Port must be a fixed port between 1 and 65535: seed nodes name it.");
        foreach (var seed in cluster.SeedNodes)
        {
            if (SeedProblem(seed, cluster) is { } problem)
                failures.Add($"Ingest:Cluster:SeedNodes: '{seed}' {problem}");
        }
        if (cluster.MinimumMembers < 1)
            failures.Add("Ingest:Cluster:MinimumMembers must be at least 1.");
        if (cluster.OwnerTimeout <= TimeSpan.Zero)
            failures.Add("Ingest:Cluster:OwnerTimeout must be positive.");
        if (cluster.StableAfter < TimeSpan.FromSeconds(1))
            failures.Add("Ingest:Cluster:StableAfter must be at least 1 s.");
        if (cluster.AcceptableHeartbeatPause < TimeSpan.FromSeconds(1))
            failures.Add("Ingest:Cluster:AcceptableHeartbeatPause must be at least 1 s.");
        if (cluster.IdleInTransactionTimeout < TimeSpan.FromSeconds(1))
            failures.Add("Ingest:Cluster:IdleInTransactionTimeout must be at least 1 s.");
        if (cluster.HandOffTimeout <= TimeSpan.Zero)
            failures.Add("Ingest:Cluster:HandOffTimeout must be positive.");
        if (cluster.MaxContributionEvents is < 1 or > 100_000)
            failures.Add("Ingest:Cluster:MaxContributionEvents must be between 1 and 100000.");
        if (cluster.MaxFrameSize < 128_000)
            failures.Add("Ingest:Cluster:MaxFrameSize must be at least 128000 bytes.");
        if (TlsProblem(cluster.Tls) is { } tls)
            failures.Add(tls);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>
    /// Loading the certificate here makes a missing file, a wrong password or a certificate without its key a
    /// start-up refusal with one line, before the actor system starts (remoting would fail later, less plainly).
    /// </summary>
    private static string? TlsProblem(IngestClusterTlsOptions tls)
    {
        if (tls.Enabled)
            return ClusterCertificate.Problem(tls, DateTime.UtcNow);
        // Settings without a certificate would leave TLS off while the operator believes it on.
        if (!string.IsNullOrEmpty(tls.CertificatePassword) || tls.AcceptedSha256Fingerprints.Length > 0)
            return "Ingest:Cluster:Tls:CertificatePath is not set, so TLS is off, but other Ingest:Cluster:Tls settings are: set the path too, or remove them.";
        return null;
    }

    private static string? SeedProblem(string seed, IngestClusterOptions cluster)
    {
        Address address;
        try
        {
            address = Address.Parse(seed);
        }
        catch (Exception ex) when (ex is UriFormatException or ArgumentException or FormatException)
        {
            return $"is not an address such as akka.tcp://{AkkaConfiguration.ActorSystemName}@127.0.0.1:4053.";
        }
        if (address.Protocol is not (IngestClusterOptions.PlaintextProtocol or IngestClusterOptions.TlsProtocol) || address.Host is null || address.Port is null)
            return $"is not an address such as akka.tcp://{AkkaConfiguration.ActorSystemName}@127.0.0.1:4053.";
        if (address.Protocol != cluster.Protocol)
            return cluster.Tls.Enabled
                ? $"is a plaintext address; with Ingest:Cluster:Tls every node's address is {cluster.Protocol}://{address.System}@{address.Host}:{address.Port}."
                : $"is a TLS address, but Ingest:Cluster:Tls:CertificatePath is not set; without TLS it is {cluster.Protocol}://{address.System}@{address.Host}:{address.Port}.";
        if (address.System != AkkaConfiguration.ActorSystemName)
            return $"names the actor system '{address.System}'; every node's is '{AkkaConfiguration.ActorSystemName}'.";
        return null;
    }
}
