using System.Net;
using Akka.Ingest.Pipeline.Config;
using Microsoft.Extensions.Options;

namespace Akka.Ingest.Pipeline.StatusFeed;

/// <summary>
/// How many SSE feed streams may be open at once (<see cref="StatusFeedOptions.MaxStreamClients"/>), and how many of
/// them one client address may hold (<see cref="StatusFeedOptions.MaxStreamClientsPerAddress"/>): each stream polls
/// the journal, so a stream beyond either cap is answered 503 at once rather than adding another poller, and one
/// client opening streams in a loop cannot take every slot from the others.
/// </summary>
public sealed class StatusStreamSlots(IOptions<IngestOptions> options)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<IPAddress, int> _byAddress = [];
    private int _open;

    public int Open => Volatile.Read(ref _open);

    /// <summary>A slot to dispose when the stream ends, or null with the cap that refused it.</summary>
    public IDisposable? TryEnter(IPAddress? client, out string? refusal)
    {
        var feed = options.Value.StatusFeed;
        var address = client is null ? IPAddress.None : client.IsIPv4MappedToIPv6 ? client.MapToIPv4() : client;
        lock (_lock)
        {
            if (_open >= feed.MaxStreamClients)
            {
                refusal = $"The status feed already serves {feed.MaxStreamClients} streams";
                return null;
            }
            var held = _byAddress.GetValueOrDefault(address);
            if (held >= feed.MaxStreamClientsPerAddress)
            {
                refusal = $"This client address already holds {feed.MaxStreamClientsPerAddress} streams";
                return null;
            }
            _byAddress[address] = held + 1;
            _open++;
        }
        refusal = null;
        return new Slot(this, address);
    }

    private void Leave(IPAddress address)
    {
        lock (_lock)
        {
            _open--;
            if (_byAddress[address] == 1)
                _byAddress.Remove(address);
            else
                _byAddress[address]--;
        }
    }

    private sealed class Slot(StatusStreamSlots slots, IPAddress address) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
                slots.Leave(address);
        }
    }
}
