using System.Diagnostics;
using Akka.Ingest.Domain;

namespace Akka.Ingest.Testing;

/// <summary>
/// The loop of a paced load: <paramref name="concurrency"/> workers take the events in order, event i not before
/// i / rate seconds (as fast as answers come without a rate), until the events run out or <c>stop</c> is cancelled.
/// What a send does and keeps is the caller's.
/// </summary>
public static class PacedSends
{
    public static async Task RunAsync(
        IEnumerable<DomainEvent> events, int concurrency, double? ratePerSecond, CancellationToken stop, Func<DomainEvent, Task> send)
    {
        using var enumerator = events.GetEnumerator();
        var gate = new Lock();
        var started = Stopwatch.GetTimestamp();
        long index = 0;

        bool TryNext(out DomainEvent evt, out TimeSpan due)
        {
            lock (gate)
            {
                if (!stop.IsCancellationRequested && enumerator.MoveNext())
                {
                    evt = enumerator.Current;
                    due = ratePerSecond is { } rate ? TimeSpan.FromSeconds(index++ / rate) : TimeSpan.Zero;
                    return true;
                }
                evt = default;
                due = TimeSpan.Zero;
                return false;
            }
        }

        async Task Worker()
        {
            while (TryNext(out var evt, out var due))
            {
                var wait = due - Stopwatch.GetElapsedTime(started);
                if (wait > TimeSpan.Zero)
                {
                    try
                    {
                        await Task.Delay(wait, stop);
                    }
                    catch (OperationCanceledException)
                    {
                        return;
                    }
                }
                await send(evt);
            }
        }

        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(Worker)));
    }
}
