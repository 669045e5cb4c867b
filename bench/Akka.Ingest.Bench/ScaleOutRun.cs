namespace Akka.Ingest.Bench;

/// <summary>
/// One repetition of one variant of the scale-out figure: a build's 1 or 3 nodes behind HAProxy, paced then
/// saturated, then idle. <see cref="IdleCoresPerNode"/>: each node's CPU with no traffic; <see cref="Statuses"/>:
/// every answer of the run that was not 2xx (warm-up, both loads and the closing GET burst).
/// </summary>
public sealed record ScaleOutRun(
    ScaleOutBuild Build, int Nodes, int Repetition, double WarmUpEventsPerSecond, ScaleOutPhase Paced, ScaleOutPhase Saturated,
    IReadOnlyList<double> IdleCoresPerNode, double IdlePostgresCores, double IdleCommitsPerSecond, int PeakBackends,
    HttpStatusTally Statuses, IReadOnlyList<HaProxy.ServerStats> Balance)
{
    public double IdleCoresMean => IdleCoresPerNode.Average();

    public double IdleCoresMax => IdleCoresPerNode.Max();
}
