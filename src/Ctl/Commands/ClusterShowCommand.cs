using Akka.Ingest.Ctl.Client;
using Spectre.Console;

namespace Akka.Ingest.Ctl.Commands;

/// <summary><c>cluster show</c> (pbm's verb): members, status, roles, leader, oldest and unreachable, as the host sees them.</summary>
public sealed class ClusterShowCommand(CtlConsoles consoles, CtlTarget target) : ManagementCommand<CtlSettings>(consoles, target)
{
    protected override async Task<int> RunAsync(ManagementClient client, CtlSettings settings, CancellationToken cancellationToken)
    {
        const string path = "admin/cluster";
        if (settings.Json)
        {
            WriteJson(await client.GetJsonAsync(path, cancellationToken));
            return ExitCodes.Ok;
        }

        var cluster = await client.GetAsync<ClusterInfo>(path, cancellationToken);
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn(new TableColumn("member").NoWrap()).AddColumn("status").AddColumn("roles").AddColumn(new TableColumn("age").RightAligned()).AddColumn("");
        foreach (var member in cluster.Members)
        {
            var notes = new List<string>();
            if (member.Address == cluster.Self)
                notes.Add("self");
            if (member.Address == cluster.Leader)
                notes.Add("leader");
            if (member.Address == cluster.Oldest)
                notes.Add("oldest");
            if (!member.Reachable)
                notes.Add("UNREACHABLE");
            table.AddRow(
                new Text(member.Address),
                new Text(member.Status),
                new Text(string.Join(",", member.Roles)),
                new Text(member.AgeRank > 0 ? member.AgeRank.ToString() : "-"),
                new Text(string.Join(" ", notes)));
        }
        Out.Write(table);
        Out.WriteLine($"{cluster.Members.Count} members, {cluster.Members.Count(m => m.Status == "Up")} Up, {cluster.Unreachable.Count} unreachable; leader {cluster.Leader ?? "(none)"}; oldest {cluster.Oldest ?? "(none)"}");
        if (cluster.Routing is { } routing)
        {
            Out.WriteLine(routing.RouteToOwner
                ? $"this node's contributions: {routing.Routed} sent to owners, {routing.Fallbacks} owner timeouts, {routing.Direct} written directly while falling back"
                : "this node writes its own partitions directly (RouteToOwner=false)");
        }
        return ExitCodes.Ok;
    }
}
