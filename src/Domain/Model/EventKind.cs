namespace Akka.Ingest.Domain;

public enum EventKind
{
    Delivered,
    Bounced,
}
