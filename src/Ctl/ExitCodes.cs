namespace Akka.Ingest.Ctl;

public static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>The host answered with an error (refused, invalid argument, not found).</summary>
    public const int HostError = 1;

    /// <summary>Bad arguments, or the host could not be reached at all.</summary>
    public const int UsageOrUnreachable = 2;
}
