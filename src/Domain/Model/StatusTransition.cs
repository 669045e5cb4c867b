namespace Akka.Ingest.Domain;

/// <summary>A domain whose status changed when a batch was applied.</summary>
public sealed record StatusTransition(string Domain, DomainStatus From, DomainStatus To, long Delivered, long Bounced);
