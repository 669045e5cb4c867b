namespace Akka.Ingest.Domain;

/// <summary>One delivery outcome for one (already normalised) domain.</summary>
public readonly record struct DomainEvent(string Domain, EventKind Kind);
