using Akka.Ingest.Ctl.Client;
using Spectre.Console;

namespace Akka.Ingest.Ctl.Commands;

/// <summary><c>actor system</c>: which actor system and process the host is.</summary>
public sealed class ActorSystemCommand(CtlConsoles consoles, CtlTarget target) : ManagementCommand<CtlSettings>(consoles, target)
{
    protected override async Task<int> RunAsync(ManagementClient client, CtlSettings settings, CancellationToken cancellationToken)
    {
        const string path = "admin/system";
        if (settings.Json)
        {
            WriteJson(await client.GetJsonAsync(path, cancellationToken));
            return ExitCodes.Ok;
        }

        var system = await client.GetAsync<SystemInfo>(path, cancellationToken);
        var grid = new Grid().AddColumn(new GridColumn().NoWrap()).AddColumn();
        void Row(string name, string value) => grid.AddRow(new Markup($"[grey]{name}[/]"), new Text(value));
        Row("actor system", system.Name);
        Row("address", system.Address);
        Row("started", $"{system.StartedAt:yyyy-MM-dd HH:mm:ss} UTC");
        Row("uptime", TimeSpan.FromSeconds(Math.Floor(system.UptimeSeconds)).ToString("c"));
        Row("akka", system.AkkaVersion);
        Row("runtime", system.Runtime);
        Row("node", system.NodeId);
        Row("store", system.Store);
        Row("partitions", system.Partitions.ToString());
        Row("process", $"{system.ProcessId} on {system.Machine}");
        Out.Write(grid);
        return ExitCodes.Ok;
    }
}
