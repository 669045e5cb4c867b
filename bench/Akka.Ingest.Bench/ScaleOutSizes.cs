namespace Akka.Ingest.Bench;

/// <summary>
/// How the scale-out figure (s) loads each variant: <see cref="WarmUpEvents"/> unmeasured, then <see cref="Phase"/>
/// paced at <see cref="PacedRate"/> and about as long saturated, over <see cref="Concurrency"/> keep-alive connections;
/// <see cref="Settle"/> with no traffic after each load (PostgreSQL reports a backend's last commits up to 10 s late);
/// <see cref="Idle"/>: the window of the idle CPU reading.
/// </summary>
public sealed record ScaleOutSizes(double PacedRate, TimeSpan Phase, long WarmUpEvents, TimeSpan Settle, TimeSpan Idle, int Concurrency)
{
    /// <summary>Settles shorter than this leave commits unreported: the commit counts are then shown but not checked.</summary>
    public static readonly TimeSpan StatisticsDelay = TimeSpan.FromSeconds(10);

    public static readonly ScaleOutSizes Full = new(
        PacedRate: 2_500, Phase: TimeSpan.FromSeconds(20), WarmUpEvents: 30_000,
        Settle: TimeSpan.FromSeconds(11), Idle: TimeSpan.FromSeconds(20), Concurrency: 48);

    public static readonly ScaleOutSizes Smoke = new(
        PacedRate: 500, Phase: TimeSpan.FromSeconds(1), WarmUpEvents: 500,
        Settle: TimeSpan.FromSeconds(1), Idle: TimeSpan.FromSeconds(1), Concurrency: 48);

    public long PacedEvents => (long)(PacedRate * Phase.TotalSeconds);
}
