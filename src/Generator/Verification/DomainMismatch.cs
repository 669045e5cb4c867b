namespace Akka.Ingest.Generator.Verification;

/// <summary>A domain whose answer differs from what the replayed stream says it must be.</summary>
public sealed record DomainMismatch(string Domain, string Expected, string Actual);
