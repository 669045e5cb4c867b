namespace Akka.Ingest.Ctl.Client;

/// <summary><c>/admin/system</c>.</summary>
public sealed record SystemInfo(
    string Name,
    string Address,
    DateTimeOffset StartedAt,
    double UptimeSeconds,
    string AkkaVersion,
    string Runtime,
    string NodeId,
    string Store,
    int Partitions,
    string Machine,
    int ProcessId);
