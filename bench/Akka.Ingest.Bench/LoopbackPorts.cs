using System.Net;
using System.Net.Sockets;

namespace Akka.Ingest.Bench;

/// <summary>Free TCP ports on 127.0.0.1, for processes whose ports must be known before they start (seed nodes, HAProxy's backends).</summary>
public static class LoopbackPorts
{
    /// <summary><paramref name="count"/> distinct free ports, held together while chosen so that none repeats.</summary>
    public static int[] Free(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToArray();
        try
        {
            foreach (var listener in listeners)
                listener.Start();
            return listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
        }
        finally
        {
            foreach (var listener in listeners)
                listener.Stop();
        }
    }
}
