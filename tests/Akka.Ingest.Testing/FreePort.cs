using System.Net;
using System.Net.Sockets;

namespace Akka.Ingest.Testing;

/// <summary>
/// A loopback port nothing listens on, for a host's management listener (<c>Management:Port</c> is fixed: 9110
/// would collide between hosts started in parallel). Never hands out the same port twice in one test run.
/// </summary>
public static class FreePort
{
    private static readonly HashSet<int> HandedOut = [];

    public static int Next()
    {
        lock (HandedOut)
        {
            while (true)
            {
                using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
                var port = ((IPEndPoint)listener.LocalEndPoint!).Port;
                if (HandedOut.Add(port))
                    return port;
            }
        }
    }
}
