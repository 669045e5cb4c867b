namespace Akka.Ingest.Ctl.Client;

/// <summary>No HTTP answer at all: nothing listens, the name does not resolve, or the host did not answer in time.</summary>
public sealed class HostUnreachableException(Uri host, string reason) : Exception($"cannot reach {host.ToString().TrimEnd('/')}: {reason}")
{
    public Uri Host { get; } = host;
}
