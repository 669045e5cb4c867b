namespace Akka.Ingest.Stores;

/// <summary>
/// The write waited longer than the lock timeout for a row another session holds, and was rolled back: nothing was
/// applied. A commit lane then writes the partitions of that transaction alone, so the one whose row is held stalls
/// only itself.
/// </summary>
public sealed class RowLockTimeoutException(string message, Exception? inner = null) : Exception(message, inner);
