namespace Akka.Ingest.Generator.Load;

/// <summary>The host did not answer the probe made before a run; nothing was sent.</summary>
public sealed class HostUnreachableException(string message, Exception inner) : Exception(message, inner);
