using Akka.Ingest.Pipeline.Ingestion;
using Akka.Ingest.Pipeline.Management;
using Akka.Ingest.Stores;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace Akka.Ingest.Pipeline.Config;

/// <summary>
/// The one start-up line: where the host listens and which store it uses; and a warning when it listens
/// beyond loopback with no management token (so /admin is closed to remote operators).
/// </summary>
public static class StartupBanner
{
    public static void Log(WebApplication app)
    {
        var addresses = app.Services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var store = app.Services.GetRequiredService<ICounterStore>();
        var admission = app.Services.GetRequiredService<IngestAdmission>();
        app.Logger.LogInformation("Akka.Ingest listening on {Addresses} with store {Store} ({Partitions} partitions)",
            string.Join(", ", addresses), store.Description, admission.Partitioner.Partitions);

        var management = app.Services.GetRequiredService<IOptions<ManagementOptions>>().Value;
        if (string.IsNullOrEmpty(management.Token) && addresses.Any(address => !IsLoopback(address)))
            app.Logger.LogWarning("Listening beyond loopback without Management:Token: /admin answers loopback callers only (403 to the others)");
    }

    private static bool IsLoopback(string address)
    {
        var host = new Uri(address.Replace("://+", "://0.0.0.0", StringComparison.Ordinal).Replace("://*", "://0.0.0.0", StringComparison.Ordinal)).Host;
        return host == "localhost" || (System.Net.IPAddress.TryParse(host.Trim('[', ']'), out var ip) && System.Net.IPAddress.IsLoopback(ip));
    }
}
