namespace Akka.Ingest.Tests.Management;

/// <summary>
/// The specs that start real hosts, run one class at a time after the parallel specs. Program sets a Serilog
/// bootstrap logger that the first host to resolve its logger freezes; a host started at the same moment by
/// another class (WebApplicationFactory runs Program) then fails with "The logger is already frozen", seen as
/// "The entry point exited without ever building an IHost". Alone, each host also owns the static logger that
/// ASP.NET and Akka write through, so its log peek sees its own lines.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class IngestHostCollection
{
    public const string Name = "ingest hosts";
}
