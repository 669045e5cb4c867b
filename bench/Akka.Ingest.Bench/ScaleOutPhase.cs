namespace Akka.Ingest.Bench;

/// <summary>
/// One measured load of the scale-out figure (paced or saturated): what the generator saw, and what the nodes,
/// PostgreSQL and the load side (generator + HAProxy) spent on it. <see cref="Commits"/>: <c>xact_commit</c> of the
/// bench database; <see cref="WriteTransactions"/>: transaction ids assigned meanwhile.
/// </summary>
public sealed record ScaleOutPhase(
    double EventsPerSecond, double P50Ms, double P99Ms, long Events, double Seconds,
    double HostCpuSeconds, double PostgresCpuSeconds, double LoadCpuSeconds, double Commits, long WriteTransactions)
{
    public double HostMicrosecondsPerEvent => HostCpuSeconds * 1e6 / Math.Max(Events, 1);

    public double PostgresMicrosecondsPerEvent => PostgresCpuSeconds * 1e6 / Math.Max(Events, 1);

    public double CommitsPerEvent => Commits / Math.Max(Events, 1);

    public double WriteTransactionsPerEvent => WriteTransactions / (double)Math.Max(Events, 1);

    /// <summary>Cores: load side (generator + HAProxy) / all nodes / PostgreSQL.</summary>
    public CpuSplit Cpu => new(LoadCpuSeconds / Seconds, HostCpuSeconds / Seconds, PostgresCpuSeconds / Seconds);
}
