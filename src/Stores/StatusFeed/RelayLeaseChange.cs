namespace Akka.Ingest.StatusFeed;

/// <summary>Whether this host now holds the relay lease, and why, in words for the log.</summary>
public sealed record RelayLeaseChange(bool Held, string Reason);
