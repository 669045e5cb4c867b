namespace Akka.Ingest.Stores;

/// <summary>
/// The connection failed while the commit was in progress: the batch may or may not be durable.
/// The only safe move is to send the same batch, with the same id, again.
/// </summary>
public sealed class AmbiguousCommitException(string message, Exception? inner = null) : Exception(message, inner);
