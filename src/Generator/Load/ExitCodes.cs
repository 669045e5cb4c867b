namespace Akka.Ingest.Generator.Load;

public static class ExitCodes
{
    public const int Success = 0;

    /// <summary>The run happened but not everything was acknowledged, or <c>--verify</c> found a mismatch.</summary>
    public const int Failed = 1;

    /// <summary>Nothing was sent: bad arguments or an unreachable host.</summary>
    public const int Usage = 2;
}
