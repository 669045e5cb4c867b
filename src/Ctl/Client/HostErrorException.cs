namespace Akka.Ingest.Ctl.Client;

/// <summary>The host answered with an error status; <see cref="Exception.Message"/> carries its problem detail.</summary>
public sealed class HostErrorException(int status, string message) : Exception(message)
{
    public int Status { get; } = status;
}
