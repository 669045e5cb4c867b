namespace Akka.Ingest.Ctl.Client;

/// <summary><c>/admin/logs</c>: the newest lines, oldest first.</summary>
public sealed record LogPeek(int Capacity, IReadOnlyList<LogLine> Lines);

public sealed record LogLine(DateTimeOffset Timestamp, string Level, string? Source, string Message, string? Exception);
