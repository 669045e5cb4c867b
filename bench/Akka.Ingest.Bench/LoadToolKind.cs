namespace Akka.Ingest.Bench;

/// <summary>Where the load tool's CPU time is read: this process, or a child it waited for (wrk, the generator CLI).</summary>
public enum LoadToolKind
{
    ThisProcess,
    ChildProcess,
}
