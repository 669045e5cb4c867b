namespace Akka.Ingest.StatusFeed;

/// <summary>The answer to a query for the status relay on a host that does not hold the relay lease.</summary>
public sealed class RelayNotRunningHereException()
    : Exception("The status relay does not run on this host: another host holds the relay lease.");
