namespace Akka.Ingest.Ctl;

/// <summary>
/// Ctrl-C for one verb at a time: <see cref="Interrupt"/> cancels the verb running now (ending <c>--watch</c>),
/// and the interactive prompt then goes on with a fresh token. The outer token ends everything.
/// </summary>
public sealed class CtlInterrupts(CancellationToken stop)
{
    private readonly Lock _lock = new();
    private CancellationTokenSource _current = CancellationTokenSource.CreateLinkedTokenSource(stop);

    /// <summary>True once the outer token is cancelled: the prompt ends.</summary>
    public bool Stopped => stop.IsCancellationRequested;

    /// <summary>The token for the next verb; a new one if the last was interrupted.</summary>
    public CancellationToken Next()
    {
        lock (_lock)
        {
            if (_current.IsCancellationRequested && !stop.IsCancellationRequested)
            {
                _current.Dispose();
                _current = CancellationTokenSource.CreateLinkedTokenSource(stop);
            }
            return _current.Token;
        }
    }

    public void Interrupt()
    {
        lock (_lock)
            _current.Cancel();
    }
}
