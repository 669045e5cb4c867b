using Akka.Ingest.Pipeline.Config;
using Microsoft.Extensions.Options;

namespace Akka.Ingest.Pipeline.StatusFeed;

/// <summary>
/// How many SSE feed streams may be open at once (<see cref="StatusFeedOptions.MaxStreamClients"/>): each one polls
/// the journal, so a client beyond the cap is answered 503 at once rather than adding another poller.
/// </summary>
public sealed class StatusStreamSlots(IOptions<IngestOptions> options)
{
    private int _open;

    public int Open => Volatile.Read(ref _open);

    /// <summary>A slot to dispose when the stream ends, or null when every slot is taken.</summary>
    public IDisposable? TryEnter()
    {
        if (Interlocked.Increment(ref _open) <= options.Value.StatusFeed.MaxStreamClients)
            return new Slot(this);
        Interlocked.Decrement(ref _open);
        return null;
    }

    private sealed class Slot(StatusStreamSlots slots) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
                Interlocked.Decrement(ref slots._open);
        }
    }
}
