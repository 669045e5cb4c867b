using System.Diagnostics;

namespace Akka.Ingest.Pipeline;

/// <summary>
/// One computation shared by every caller: callers that come while it runs wait for it, and its result serves them
/// for <c>freshFor</c> after it completes. For answers a public request asks for often and may get slightly old
/// (readiness, where a live feed starts), so that a client's loop costs one computation per interval, not one per call.
/// The computation runs without the callers' cancellation: one caller leaving does not cancel it for the others.
/// </summary>
public sealed class RecentResult<T>(Func<Task<T>> compute, TimeSpan freshFor)
{
    private readonly Lock _lock = new();
    private Task<T>? _latest;
    private long _completedAt;

    public Task<T> GetAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var stale = _latest is null
                || (_latest.IsCompleted && (!_latest.IsCompletedSuccessfully || Stopwatch.GetElapsedTime(Volatile.Read(ref _completedAt)) >= freshFor));
            if (stale)
                _latest = RunAsync();
            return _latest!.WaitAsync(cancellationToken);
        }
    }

    private async Task<T> RunAsync()
    {
        try
        {
            return await compute();
        }
        finally
        {
            Volatile.Write(ref _completedAt, Stopwatch.GetTimestamp());
        }
    }
}
