namespace Akka.Ingest.Generator.Verification;

/// <summary>The body of <c>GET /domains/{domain}</c>: <c>{"domain","status","delivered","bounced"}</c>.</summary>
public sealed record DomainAnswer(string Domain, string Status, long Delivered, long Bounced);
