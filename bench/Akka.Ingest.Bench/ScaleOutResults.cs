namespace Akka.Ingest.Bench;

/// <summary>The scale-out figure's runs, read as medians per build and variant and as 3-node/1-node ratios paired by repetition.</summary>
public sealed class ScaleOutResults(IReadOnlyList<ScaleOutBuild> builds, IReadOnlyList<ScaleOutRun> runs)
{
    public IReadOnlyList<ScaleOutBuild> Builds => builds;

    public IReadOnlyList<ScaleOutRun> Runs => runs;

    public IEnumerable<ScaleOutRun> Of(ScaleOutBuild build, int nodes) => runs.Where(r => r.Build == build && r.Nodes == nodes);

    public double MedianOf(ScaleOutBuild build, int nodes, Func<ScaleOutRun, double> value) => Median.Of(Of(build, nodes).Select(value));

    /// <summary>The median over repetitions of 3 nodes' value over 1 node's in the same repetition.</summary>
    public double RatioOf(ScaleOutBuild build, Func<ScaleOutRun, double> value) =>
        Median.Of(Of(build, 3).Join(Of(build, 1), r => r.Repetition, r => r.Repetition, (three, one) => value(three) / value(one)));

    /// <summary>The median over repetitions of this build's 1-node value over the other build's.</summary>
    public double RatioOf(ScaleOutBuild build, ScaleOutBuild other, int nodes, Func<ScaleOutRun, double> value) =>
        Median.Of(Of(build, nodes).Join(Of(other, nodes), r => r.Repetition, r => r.Repetition, (mine, theirs) => value(mine) / value(theirs)));

    public HttpStatusTally StatusesOf(ScaleOutBuild build, int nodes) => Of(build, nodes).Aggregate(HttpStatusTally.None, (sum, r) => sum.Plus(r.Statuses));
}
