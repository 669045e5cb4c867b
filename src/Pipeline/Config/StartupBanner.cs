using Akka.Ingest.Pipeline.Ingestion;
using Akka.Ingest.Pipeline.Management;
using Akka.Ingest.Stores;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace Akka.Ingest.Pipeline.Config;

/// <summary>The one start-up line: where the host listens (the API, and management apart) and which store it uses.</summary>
public static class StartupBanner
{
    public static void Log(WebApplication app)
    {
        var addresses = app.Services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var management = app.Services.GetRequiredService<IOptions<ManagementOptions>>().Value;
        var store = app.Services.GetRequiredService<ICounterStore>();
        var admission = app.Services.GetRequiredService<IngestAdmission>();
        var (managementAddresses, publicAddresses) = Split(addresses, management.Port);
        app.Logger.LogInformation("Akka.Ingest listening on {Addresses} with store {Store} ({Partitions} partitions); management on {Management}",
            string.Join(", ", publicAddresses), store.Description, admission.Partitioner.Partitions,
            managementAddresses.Count > 0 ? string.Join(", ", managementAddresses) : "no listener");
    }

    /// <summary>The bound addresses on the management port, and the others.</summary>
    public static (IReadOnlyList<string> Management, IReadOnlyList<string> Public) Split(IEnumerable<string> addresses, int managementPort)
    {
        var byListener = addresses.ToLookup(address => Uri.TryCreate(address, UriKind.Absolute, out var uri) && uri.Port == managementPort);
        return (byListener[true].ToList(), byListener[false].ToList());
    }
}
