namespace Akka.Ingest.Ctl.Client;

/// <summary><c>/admin/domains/{domain}</c>.</summary>
public sealed record DomainDetails(string Domain, string Status, long Delivered, long Bounced, int Partition, long CatchAllThreshold);
