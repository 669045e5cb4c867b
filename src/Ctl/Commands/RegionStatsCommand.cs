using Akka.Ingest.Ctl.Client;
using Spectre.Console;

namespace Akka.Ingest.Ctl.Commands;

/// <summary><c>cluster-sharding region-stats</c> (pbm's verb): which node owns which partition, with counts.</summary>
public sealed class RegionStatsCommand(CtlConsoles consoles, CtlTarget target) : ManagementCommand<CtlSettings>(consoles, target)
{
    protected override async Task<int> RunAsync(ManagementClient client, CtlSettings settings, CancellationToken cancellationToken)
    {
        const string path = "admin/cluster/sharding";
        if (settings.Json)
        {
            WriteJson(await client.GetJsonAsync(path, cancellationToken));
            return ExitCodes.Ok;
        }

        var stats = await client.GetAsync<RegionStatsInfo>(path, cancellationToken);
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn(new TableColumn("node").NoWrap()).AddColumn(new TableColumn("partitions").RightAligned()).AddColumn(new TableColumn("entities").RightAligned()).AddColumn("partition ids");
        foreach (var node in stats.Nodes)
        {
            table.AddRow(
                new Text(node.Address),
                new Text(node.Shards.Count.ToString()),
                new Text(node.Shards.Sum(s => s.Entities).ToString()),
                new Text(string.Join(" ", node.Shards.Select(s => s.Shard))));
        }
        Out.Write(table);
        Out.WriteLine($"region {stats.TypeName}: {stats.Partitions} partitions on {stats.Nodes.Count(n => n.Shards.Count > 0)} of {stats.Nodes.Count} nodes");
        if (stats.FailedNodes.Count > 0)
            Out.WriteLine($"no answer from: {string.Join(", ", stats.FailedNodes)}");
        return ExitCodes.Ok;
    }
}
