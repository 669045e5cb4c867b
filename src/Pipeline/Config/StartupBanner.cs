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
        var options = app.Services.GetRequiredService<IOptions<IngestOptions>>().Value;
        app.Logger.LogInformation("Akka.Ingest listening on {Addresses} with store {Store} ({Partitions} partitions, {Budget}); management on {Management}",
            string.Join(", ", publicAddresses), store.Description, admission.Partitioner.Partitions, ConnectionBudget(options),
            managementAddresses.Count > 0 ? string.Join(", ", managementAddresses) : "no listener");
    }

    /// <summary>
    /// What this node may hold open to the database: each commit lane's session (and its isolation session, opened
    /// only while a partition commits alone), the read pool, the journal's pool and, where the status relay may run,
    /// the connection on which it listens for commits (held while it runs) and, without a cluster, the one holding or
    /// contending for the relay lease; the partition count is not in it.
    /// </summary>
    public static string ConnectionBudget(IngestOptions options)
    {
        var lanes = options.CommitLaneSettings.Lanes;
        var commitLanes = lanes == 1 ? "1 commit lane" : $"{lanes} commit lanes";
        if (options.Store.Kind != StoreKind.Postgres)
            return commitLanes;
        var listener = options.StatusFeed.RunRelay ? 1 : 0;
        var lease = options.StatusFeed.RunRelay && !options.Cluster.Enabled ? 1 : 0;
        var budget = 2 * lanes + options.Store.ReadPoolSize + options.Store.JournalPoolSize + listener + lease;
        return $"{commitLanes}; at most {budget} PostgreSQL connections: {lanes} lane + {lanes} isolation + {options.Store.ReadPoolSize} read + "
            + $"{options.Store.JournalPoolSize} journal" + (listener > 0 ? " + 1 relay listener" : "") + (lease > 0 ? " + 1 relay lease" : "");
    }

    /// <summary>The bound addresses on the management port, and the others.</summary>
    public static (IReadOnlyList<string> Management, IReadOnlyList<string> Public) Split(IEnumerable<string> addresses, int managementPort)
    {
        var byListener = addresses.ToLookup(address => Uri.TryCreate(address, UriKind.Absolute, out var uri) && uri.Port == managementPort);
        return (byListener[true].ToList(), byListener[false].ToList());
    }
}
