using Akka.Ingest.Pipeline.Config;
using Microsoft.Extensions.Options;

namespace Akka.Ingest.Pipeline.Http;

/// <summary>
/// How many bulk requests may hold a body in memory at once (read, parsed, or waiting for admission and
/// commit). The admission budget counts events already in the channel; this bounds the bulks in front of it,
/// so bulk memory is at most <see cref="IngestOptions.MaxConcurrentBulks"/> bodies at the Kestrel size limit.
/// A request waits for a slot, holding no buffer, at most <see cref="IngestOptions.RequestTimeout"/>.
/// </summary>
public sealed class BulkSlots(IOptions<IngestOptions> options)
{
    private readonly SemaphoreSlim _slots = new(options.Value.MaxConcurrentBulks, options.Value.MaxConcurrentBulks);

    /// <summary>A slot to release when the bulk is answered, or null when none came free in time.</summary>
    public async Task<IDisposable?> TryEnterAsync(CancellationToken cancellationToken) =>
        await _slots.WaitAsync(options.Value.RequestTimeout, cancellationToken) ? new Slot(_slots) : null;

    private sealed class Slot(SemaphoreSlim slots) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
                slots.Release();
        }
    }
}
