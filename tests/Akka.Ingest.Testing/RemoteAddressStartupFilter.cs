using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace Akka.Ingest.Testing;

/// <summary>
/// Makes every request look as if it came from <paramref name="remote"/>, ahead of the host's own middleware,
/// so specs can act as a caller beyond loopback while the traffic itself stays on loopback.
/// </summary>
public sealed class RemoteAddressStartupFilter(IPAddress remote) : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, proceed) =>
        {
            context.Connection.RemoteIpAddress = remote;
            return proceed(context);
        });
        next(app);
    };
}
