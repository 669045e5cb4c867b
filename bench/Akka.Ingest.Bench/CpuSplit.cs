using System.Diagnostics;

namespace Akka.Ingest.Bench;

/// <summary>
/// How many cores the load tool, the server under test and PostgreSQL used during one measurement (CPU seconds per
/// wall second, from <c>/proc</c>), so a figure can be read against who had the machine's two cores.
/// </summary>
public sealed record CpuSplit(double LoadTool, double Server, double Postgres)
{
    public override string ToString() => $"{LoadTool:0.00} / {Server:0.00} / {Postgres:0.00}";

    /// <summary>
    /// Starts measuring. The load tool is either this process (the bulk and GET clients, the raw upsert loop) or a
    /// child it starts and waits for before <see cref="Meter.Stop"/> (wrk, the generator CLI): a finished child's
    /// CPU time is added to its parent's cutime/cstime when it is reaped.
    /// </summary>
    public static Meter Start(LoadToolKind loadTool, int serverPid, int postgresPid) => new(loadTool, serverPid, postgresPid);

    public sealed class Meter
    {
        private readonly LoadToolKind _loadTool;
        private readonly int _server;
        private readonly int _postgres;
        private readonly long _started = Stopwatch.GetTimestamp();
        private readonly double _load0;
        private readonly double _server0;
        private readonly double _postgres0;

        internal Meter(LoadToolKind loadTool, int server, int postgres)
        {
            _loadTool = loadTool;
            _server = server;
            _postgres = postgres;
            _load0 = LoadSeconds();
            _server0 = ProcessStats.CpuSeconds(_server);
            _postgres0 = ProcessStats.TreeCpuSeconds(_postgres);
        }

        public CpuSplit Stop()
        {
            var seconds = Stopwatch.GetElapsedTime(_started).TotalSeconds;
            return new CpuSplit(
                (LoadSeconds() - _load0) / seconds,
                (ProcessStats.CpuSeconds(_server) - _server0) / seconds,
                (ProcessStats.TreeCpuSeconds(_postgres) - _postgres0) / seconds);
        }

        private double LoadSeconds() => _loadTool == LoadToolKind.ThisProcess
            ? ProcessStats.CpuSeconds(Environment.ProcessId)
            : ProcessStats.ReapedChildrenCpuSeconds(Environment.ProcessId);
    }
}
